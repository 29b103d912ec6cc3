// open_storage: the backend behind the server's stores (storage.hpp).
#include "okno/server/storage/storage.hpp"

#include "okno/server/storage/sqlite/sqlite_storage.hpp"

namespace okno {

Result<std::unique_ptr<Storage>> open_storage(const std::string& database, int read_connections) {
  auto sqlite = SqliteStorage::open(database, read_connections);
  if (!sqlite) return std::unexpected(sqlite.error());
  return std::unique_ptr<Storage>(std::move(*sqlite));
}

}  // namespace okno
