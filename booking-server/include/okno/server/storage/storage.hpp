// The one place okno-server opens its storage. Today the database is a SQLite file; a
// PostgreSQL backend (storage/postgres/) will be chosen here, so nothing else changes.
#pragma once

#include <memory>
#include <string>

#include "okno/storage.hpp"

namespace okno {

// Opens (creating and migrating when needed) the storage at `database`, with `read_connections`
// readers for the bookings.
Result<std::unique_ptr<Storage>> open_storage(const std::string& database,
                                              int read_connections = 4);

}  // namespace okno
