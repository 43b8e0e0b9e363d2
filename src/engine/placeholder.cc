// Placeholder so the engine library has a translation unit until its code lands.
