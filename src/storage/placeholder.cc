// Placeholder so the storage library has a translation unit until its code lands.
