// The command line itself (CLI11, docs/cli.md): every command answers --help with its options and
// exit 0, and a bad command line is exit 2 with a message naming what is wrong and the command's
// help. None of this needs a database, so it runs once, on SQLite.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

#include "cli/cli_runner.hpp"

namespace jixu::testing {
namespace {

struct CommandHelp {
  std::string command;
  std::vector<std::string> shows;  ///< options, positionals and subcommands its help must list
};

const std::vector<CommandHelp>& Commands() {
  static const std::vector<CommandHelp> kCommands{
      {"init", {}},
      {"import", {"KIND", "FILE", "--dry-run", "--quiet", "persons|records|employers|providers"}},
      {"compliance",
       {"--year", "--person", "--format", "--summary", "--policy", "--region", "--employer",
        "--field", "--explain", "table|json|csv", "1990..2100", "REQUIRED"}},
      {"demo", {"--persons", "--seed", "--year", "--csv-dir", "--users", "2000"}},
      {"history", {"--person", "--from", "--to"}},
      {"promotion", {"--person", "--year"}},
      {"migrate-data", {"--to"}},
      {"openapi", {"--out"}},
      {"cert", {"issue", "issue-class", "verify", "revoke", "export", "keys", "rotate-key"}},
      {"cert issue", {"--person", "--year", "--out", "--alg", "--issuer", "--verify-url"}},
      {"cert issue-class",
       {"--person", "--provider", "--class", "--from", "--to", "--hours", "--out", "--alg",
        "--issuer", "--verify-url"}},
      {"cert verify", {"TARGET", "--keys", "--offline", "--format", "text|json"}},
      {"cert revoke", {"SERIAL", "--reason"}},
      {"cert export", {"SERIAL", "--format", "vc|pdf", "--out", "--issuer", "--verify-url"}},
      {"cert keys", {"--out"}},
      {"cert rotate-key", {"--alg", "ed25519|sm2"}},
      {"export",
       {"WHAT", "compliance|persons|statistics", "--out", "--year", "--region", "--employer",
        "--field"}},
      {"serve", {"--port", "8080", "--host", "127.0.0.1", "--web-root"}},  // all: ServeHelp…
      {"user", {"add"}},
      {"user add",
       {"NAME", "--role", "--person", "--employer", "--provider", "--region", "--industry",
        "--display-name"}},
      {"audit", {"verify", "checkpoint"}},
      {"audit verify", {"--keys"}},
      {"audit checkpoint", {}},
      {"remind", {"run"}},
      {"remind run", {"--date", "--smtp-host", "--smtp-port", "--smtp-from"}},
      {"keys", {"status", "rotate", "reseal", "rotate-kek"}},
      {"keys status", {}},
      {"keys rotate", {"--batch", "1000"}},
      {"keys reseal", {"--batch"}},
      {"keys rotate-kek", {}},
      {"backup", {"FILE", "--passphrase-file"}},
      {"restore", {"FILE", "--passphrase-file", "--force"}},
  };
  return kCommands;
}

class CliHelp : public ::testing::Test {
 protected:
  CliSandbox sb_{"sqlite"};
};

TEST_F(CliHelp, EveryCommandAnswersHelpWithItsOptions) {
  for (const auto& c : Commands()) {
    for (const char* flag : {"--help", "-h"}) {
      const auto r = sb_.Run(c.command + " " + flag);
      EXPECT_EQ(r.exit_code, 0) << c.command << " " << flag << ": " << r.err;
      EXPECT_TRUE(r.err.empty()) << c.command << ": " << r.err;
      EXPECT_NE(r.out.find("Usage: jixu " + c.command), std::string::npos) << r.out;
      for (const auto& s : c.shows) {
        EXPECT_NE(r.out.find(s), std::string::npos) << c.command << " --help lacks " << s << ":\n"
                                                    << r.out;
      }
    }
  }
}

TEST_F(CliHelp, HelpAfterArgumentsStillHelpsAndTouchesNoDatabase) {
  // The issue's case: `jixu import --help` was "unknown option".
  auto r = sb_.RunBare("--db never.db import persons missing.csv --help");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("--dry-run"), std::string::npos) << r.out;
  r = sb_.RunBare("--db never.db cert issue --person 1 --help");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("--verify-url"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(sb_.dir() / "never.db"));
}

/// The command names listed under "Commands:" in a help text.
std::set<std::string> ListedCommands(const std::string& help) {
  std::set<std::string> names;
  std::istringstream in(help.substr(help.find("Commands:")));
  std::string line;
  std::getline(in, line);
  const std::regex entry(R"(^  ([a-z][a-z-]*)\s)");
  std::smatch m;
  while (std::getline(in, line) && !line.empty()) {
    if (std::regex_search(line, m, entry)) names.insert(m[1]);
  }
  return names;
}

TEST_F(CliHelp, OverviewListsEveryCommandAndTheExitCodes) {
  const auto r = sb_.RunBare("--help");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> tested;
  for (const auto& c : Commands()) {
    if (c.command.find(' ') == std::string::npos) tested.insert(c.command);
  }
  // A command added without a row above fails here, so every command's help is tested.
  EXPECT_EQ(ListedCommands(r.out), tested) << r.out;
  for (const char* s : {"--db", "--database-url", "--data-dir", "--audit-key",
                        "--audit-checkpoints", "--version", "exit codes", "8 audit chain"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
  // Each group lists its subcommands; the table above has a row for each.
  for (const char* group : {"cert", "user", "audit"}) {
    const auto g = sb_.RunBare(std::string(group) + " --help");
    for (const auto& sub : ListedCommands(g.out)) {
      const std::string path = std::string(group) + " " + sub;
      bool found = false;
      for (const auto& c : Commands()) found = found || c.command == path;
      EXPECT_TRUE(found) << path << " has no row in Commands()";
    }
  }
  // Without a command: the overview, but as a usage error.
  const auto bare = sb_.RunBare("");
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_EQ(ListedCommands(bare.out), tested);
  const auto v = sb_.RunBare("--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out, "jixu 0.1.0\n");
}

/// The `--name` options of docs/operations.md's `serve` table.
std::set<std::string> DocumentedServeOptions() {
  std::ifstream in(std::filesystem::path(JIXU_SOURCE_DIR) / "docs" / "operations.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const auto start = doc.find("## Running `jixu serve`");
  const auto end = doc.find("\n#", start + 1);
  const std::string section = doc.substr(start, end - start);
  std::set<std::string> names;
  const std::regex row(R"(^\| `--[^|]*\|)");
  const std::regex option(R"(`(--[a-z0-9-]+))");
  std::istringstream lines(section);
  std::string line;
  while (std::getline(lines, line)) {
    if (!std::regex_search(line, row)) continue;
    const std::string first_cell = line.substr(0, line.find('|', 1));
    for (std::sregex_iterator it(first_cell.begin(), first_cell.end(), option), e; it != e; ++it) {
      names.insert((*it)[1]);
    }
  }
  return names;
}

TEST_F(CliHelp, ServeHelpListsEveryDocumentedOptionAndNoOther) {
  const auto documented = DocumentedServeOptions();
  ASSERT_GT(documented.size(), 25u);
  const auto r = sb_.Run("serve --help");
  ASSERT_EQ(r.exit_code, 0);
  std::set<std::string> listed;
  const std::regex option(R"(^\s+(--[a-z0-9-]+))");
  std::istringstream lines(r.out);
  std::string line;
  std::smatch m;
  while (std::getline(lines, line)) {
    if (std::regex_search(line, m, option) && m[1] != "--help") listed.insert(m[1]);
  }
  EXPECT_EQ(listed, documented);
}

struct BadLine {
  std::string args;
  std::vector<std::string> says;  ///< in the message on stderr
};

TEST_F(CliHelp, BadCommandLinesExitTwoNamingTheProblemAndTheHelp) {
  const std::vector<BadLine> bad{
      {"import persons x.csv --bogus", {"--bogus", "jixu import --help"}},
      {"import animals x.csv", {"animals", "persons|records|employers|providers"}},
      {"import persons", {"FILE", "required", "jixu import --help"}},
      {"compliance", {"--year", "required", "jixu compliance --help"}},
      {"compliance --year", {"--year"}},
      {"compliance --year 20x4", {"--year", "whole number from 1990 to 2100", "20x4"}},
      {"compliance --year 2200", {"--year", "2200"}},
      {"compliance --year 2024 --format xml", {"--format", "table|json|csv", "xml"}},
      {"compliance --year 2024 extra", {"extra"}},
      {"demo --persons 0", {"--persons", "whole number"}},
      {"demo --users=yes", {"option --users takes no value"}},
      {"compliance --year 2024 --colour red", {"unknown option --colour"}},
      {"compliance --year 2024 --format json more", {"unexpected argument 'more'"}},
      {"history --person 110105198502150025 --from 2025 --to 2024",
       {"--to must not be before --from", "jixu history --help"}},
      {"promotion --year 2024", {"--person", "required"}},
      {"cert", {"cert needs a subcommand", "issue", "rotate-key", "jixu cert --help"}},
      {"cert frobnicate", {"unknown cert command 'frobnicate'", "jixu cert --help"}},
      {"cert issue --person 110105198502150025 --year 2024", {"--out", "required", "jixu cert issue --help"}},
      {"cert issue --person 1 --year 2024 --out c.pdf --alg rsa", {"--alg", "ed25519|sm2", "rsa"}},
      {"cert verify", {"TARGET", "required"}},
      {"cert verify x.pdf --format yaml", {"--format", "text|json"}},
      {"cert revoke JX-1", {"--reason", "required"}},
      {"cert export JX-1 --format vc --out v.json --alg sm2", {"--alg"}},
      {"export animals --out a.xlsx", {"compliance|persons|statistics", "animals"}},
      {"export compliance --out a.xlsx", {"export compliance needs --year Y"}},
      {"serve --port 70000", {"--port", "0 to 65535", "70000"}},
      {"serve extra", {"extra"}},
      {"user", {"user needs a subcommand: add"}},
      {"user add", {"NAME", "required", "jixu user add --help"}},
      {"audit checkpoint --keys k.json", {"--keys", "jixu audit checkpoint --help"}},
      {"audit", {"audit needs a subcommand: verify, checkpoint"}},
      {"migrate-data", {"--to", "required"}},
      {"init now", {"now"}},
      {"frobnicate", {"unknown command 'frobnicate'", "jixu --help"}},
      // Global options belong before the command.
      {"init --db other.db", {"unknown option --db"}},
  };
  for (const auto& b : bad) {
    const auto r = sb_.Run(b.args);
    EXPECT_EQ(r.exit_code, 2) << b.args << "\n" << r.out << r.err;
    EXPECT_EQ(r.err.rfind("jixu: ", 0), 0u) << b.args << ": " << r.err;
    for (const auto& s : b.says) {
      EXPECT_NE(r.err.find(s), std::string::npos) << b.args << ": wants '" << s << "' in\n" << r.err;
    }
  }
  EXPECT_FALSE(std::filesystem::exists(sb_.dir() / "other.db"));
}

TEST_F(CliHelp, GlobalOptionsBeforeTheCommandInEitherSpelling) {
  if (std::getenv("JIXU_DATABASE_URL") != nullptr) GTEST_SKIP() << "JIXU_DATABASE_URL is set";
  auto r = sb_.RunBare("--db=first.db --audit-key=first.key init");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(sb_.dir() / "first.db"));
  EXPECT_TRUE(std::filesystem::exists(sb_.dir() / "first.key"));
  EXPECT_NE(r.out.find("first.key"), std::string::npos) << r.out;
  r = sb_.RunBare("--db second.db --audit-checkpoints cp.jsonl init");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(sb_.dir() / "second.db"));
  EXPECT_TRUE(std::filesystem::exists(sb_.dir() / "cp.jsonl"));
  // The last of a repeated option counts, as before CLI11.
  r = sb_.RunBare("--db second.db compliance --year 2023 --year 2024 --format json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "[]\n");
}

}  // namespace
}  // namespace jixu::testing
