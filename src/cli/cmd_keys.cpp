// `jixu keys status|rotate|reseal|rotate-kek`: the keys that seal persons' ID numbers
// (docs/operations.md#keys-for-personal-data). Each runs while servers keep serving.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "storage/personal_keys.hpp"

namespace jixu::cli {
namespace {

int Status(const Env& env) {
  auto store = storage::OpenStore(env.store);
  const auto s = storage::PersonalKeys(*store);
  env.out << "密钥文件 / key file: "
          << (s.key_file.empty() ? std::string("(in memory)") : s.key_file.string()) << '\n';
  env.out << "密钥加密密钥 / KEKs:";
  for (const auto& id : s.kek_ids) env.out << ' ' << id;
  env.out << "\n当前数据密钥 / active data key: k" << s.active_key << '\n';
  for (const auto& [key, rows] : s.rows_by_key) {
    env.out << "  ";
    if (key == 0) {
      env.out << "plain text";
    } else {
      env.out << 'k' << key;
    }
    env.out << ": " << rows << " persons\n";
  }
  return kExitOk;
}

int Rotate(const Env& env, int batch) {
  auto store = storage::OpenStore(env.store);
  const auto r = storage::RotateDataKey(*store, batch);
  env.out << "新数据密钥 / new data key: k" << r.new_key << "; re-encrypted " << r.resealed
          << " persons\n";
  return kExitOk;
}

int Reseal(const Env& env, int batch) {
  auto store = storage::OpenStore(env.store);
  env.out << "重新加密 / re-encrypted: " << storage::ResealOldRows(*store, batch) << " persons\n";
  return kExitOk;
}

int RotateKek(const Env& env) {
  auto store = storage::OpenStore(env.store);
  const std::string id = storage::RotateKek(*store);
  env.out << "新密钥加密密钥 / new KEK " << id << " in " << storage::PersonalKeys(*store).key_file.string()
          << "; data keys re-wrapped (keep the previous key file with the backups made before)\n";
  return kExitOk;
}

}  // namespace

void AddKeys(CommandSet& set) {
  CLI::App* keys = set.root().add_subcommand("keys", "个人信息密钥 / the keys sealing ID numbers");
  set.Add(keys->add_subcommand("status", "状态 / key file, active key, persons per key"), Status);
  auto batch = std::make_shared<int>(1000);
  CLI::App* rotate = keys->add_subcommand(
      "rotate", "轮换数据密钥 / new data key; every row re-encrypted in short transactions");
  rotate->add_option("--batch", *batch, "rows per transaction")->check(CLI::Range(1, 100000))
      ->capture_default_str();
  set.Add(rotate, [batch](const Env& env) { return Rotate(env, *batch); });
  CLI::App* reseal = keys->add_subcommand(
      "reseal", "补加密 / re-encrypt rows still under an older data key");
  reseal->add_option("--batch", *batch, "rows per transaction")->check(CLI::Range(1, 100000))
      ->capture_default_str();
  set.Add(reseal, [batch](const Env& env) { return Reseal(env, *batch); });
  set.Add(keys->add_subcommand("rotate-kek",
                               "轮换密钥加密密钥 / new KEK in the key file; data keys re-wrapped"),
          RotateKek);
  keys->require_subcommand(0, 1);
}

}  // namespace jixu::cli
