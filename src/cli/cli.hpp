#pragma once

namespace jixu::cli {

/// Entry point of the `jixu` command; returns the process exit code (docs/cli.md).
int Main(int argc, char** argv);

}  // namespace jixu::cli
