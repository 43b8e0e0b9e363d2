// Command-line parsing.
#include "cli/args.h"

#include <cstdlib>

#include "common/parallel.h"
#include "engine/memory_budget.h"

namespace tutela::cli {

namespace {

// --threads N and --memory-limit SIZE: accepted by every subcommand and
// applied process-wide (worker threads of loading and of the engine).
Status ApplyEngineFlag(const std::string& name, const std::string& value) {
  if (name == "threads") {
    char* end = nullptr;
    long n = std::strtol(value.c_str(), &end, 10);
    if (end == value.c_str() || *end != '\0' || n < 1 || n > 256) {
      return Status::InvalidInput(
          "--threads 应为 1 到 256 的整数 / --threads must be an integer "
          "from 1 to 256: \"" +
          value + "\"");
    }
    SetDefaultThreads(static_cast<int>(n));
    return Status::Ok();
  }
  uint64_t bytes = engine::MemoryBudget::ParseSize(value);
  if (bytes == 0) {
    return Status::InvalidInput(
        "--memory-limit 应为大小，如 512M、8G / --memory-limit must be a size such as 512M or 8G: "
        "\"" +
        value + "\"");
  }
  engine::MemoryBudget::SetDefaultLimit(bytes);
  return Status::Ok();
}

}  // namespace

Result<Args> Args::Parse(const std::vector<std::string>& argv,
                         const std::set<std::string>& value_flags,
                         const std::set<std::string>& switches) {
  Args a;
  bool only_positionals = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& s = argv[i];
    if (only_positionals || s.size() < 2 || s.compare(0, 2, "--") != 0) {
      a.positionals_.push_back(s);
      continue;
    }
    if (s == "--") {
      only_positionals = true;
      continue;
    }
    std::string name = s.substr(2);
    std::string value;
    bool has_inline = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_inline = true;
    }
    if (switches.count(name)) {
      if (has_inline) {
        return Status::InvalidInput("选项 --" + name + " 不接受值 / option --" + name +
                                    " takes no value");
      }
      a.switches_.insert(name);
    } else if (value_flags.count(name)) {
      if (!has_inline) {
        if (i + 1 >= argv.size()) {
          return Status::InvalidInput("选项 --" + name + " 缺少值 / option --" + name +
                                      " needs a value");
        }
        value = argv[++i];
      }
      a.values_[name].push_back(value);
    } else if (name == "threads" || name == "memory-limit") {
      if (!has_inline) {
        if (i + 1 >= argv.size()) {
          return Status::InvalidInput("选项 --" + name + " 缺少值 / option --" + name +
                                      " needs a value");
        }
        value = argv[++i];
      }
      RETURN_IF_ERROR(ApplyEngineFlag(name, value));
    } else {
      return Status::InvalidInput("未知选项 / unknown option --" + name);
    }
  }
  return a;
}

std::string Args::Get(const std::string& flag, const std::string& fallback) const {
  auto it = values_.find(flag);
  return it == values_.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> Args::GetAll(const std::string& flag) const {
  auto it = values_.find(flag);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace tutela::cli
