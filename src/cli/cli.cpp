#include "cli/cli.hpp"

#include <cstdio>

namespace jixu::cli {

int Main(int, char**) {
  std::puts("jixu: not yet");
  return 0;
}

}  // namespace jixu::cli
