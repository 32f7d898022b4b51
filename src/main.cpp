#include "cli/cli.hpp"

int main(int argc, char** argv) { return jixu::cli::Main(argc, argv); }
