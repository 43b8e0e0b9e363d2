// Subcommand dispatch and usage text for the `tutela` executable.
#include "cli/commands.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/subcommands.h"

namespace tutela::cli {

namespace {

constexpr const char* kUsage =
    R"(tutela — 未成年人检察数据平台 / digital juvenile prosecution platform

用法 / usage:
  tutela scan DATA_DIR [--as-of YYYY-MM-DD] [--model NAME ...] [--param MODEL.NAME=VALUE ...]
              [--format jsonl|table] [--rejects FILE] [--strict] [--encoding E] [--models-dir DIR]
      运行监督模型，输出线索 / run the supervision models and print the clues
  tutela demo-data OUT [--scale S] [--seed N] [--as-of YYYY-MM-DD]
      生成演示数据 / generate deterministic demo data with planted cases
  tutela quality (--data DIR | --workspace DIR) [--format text|json] [--rejects FILE]
                 [--encoding auto|utf-8|gbk|gb18030] [--strict]
      导入并打印数据质量报告 / import and print the data-quality report
  tutela init DIR [--key-file FILE]
      创建加密工作区 / create an encrypted workspace
  tutela import DIR TABLE FILE... [--append] [--encoding E] [--rejects FILE] [--key-file FILE]
      导入数据表（默认替换）/ import a table (replaces it unless --append)
  tutela tables DIR [--format text|json] [--key-file FILE]
      列出工作区数据表 / list the workspace's tables
  tutela run DIR [--model NAME ...] [--as-of YYYY-MM-DD] [--param MODEL.NAME=VALUE ...]
      在工作区运行模型并保存线索 / run the models on a workspace and store the clues
  tutela clues DIR [--model M] [--rule R] [--severity S] [--department D] [--state S]
              [--stale|--current] [--contains TEXT] [--format table|jsonl|csv] [--output FILE]
  tutela clues DIR --runs
      运行记录（模型哈希、参数、输入表哈希）/ run records (model hashes, parameters, input hashes)
  tutela clues DIR CLUE_ID --set-state new|reviewing|acted|dismissed
      列出、筛选、导出线索 / list, filter, export clues; change a clue's state
  tutela sql (--data DIR | --workspace DIR) [--format table|csv|jsonl] [--as-of DATE] "QUERY"
      运行一条 SQL 查询 / run one query of the engine's SQL dialect
  tutela help | version

退出码 / exit status: 0 成功 ok; 2 输入或用法错误 bad input or usage; 1 内部错误 internal error.
密钥文件 / key file: --key-file, else $TUTELA_KEY_FILE, else
  ${XDG_CONFIG_HOME:-~/.config}/tutela/keys/<workspace-id>.key
)";

}  // namespace

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitBadInput;
  }
  std::string cmd = argv[1];
  std::vector<std::string> rest(argv + 2, argv + argc);
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (cmd == "version" || cmd == "--version") {
    std::puts("tutela 0.1.0");
    return kExitOk;
  }
  for (const Subcommand& sc : Subcommands()) {
    if (cmd == sc.name) return sc.run(rest);
  }
  std::fprintf(stderr, "tutela: 未知子命令 / unknown subcommand \"%s\"; see `tutela help`\n",
               cmd.c_str());
  return kExitBadInput;
}

}  // namespace tutela::cli
