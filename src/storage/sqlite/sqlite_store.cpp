#include "storage/sqlite/sqlite_store.hpp"
