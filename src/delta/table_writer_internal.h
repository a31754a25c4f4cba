// Pieces of TableWriter that need no writer state: what strata can write,
// and the metadata and protocol of a new table. Internal to delta.

#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "dataset/dataset_writer.h"
#include "delta/snapshot.h"
#include "delta/table_writer.h"

namespace strata::delta::internal {

// kNotImplemented naming a writer version above 7 or a writer feature strata
// does not support. Vacuum needs this check too (PROTOCOL.md, "VACUUM
// Protocol Check"), without CheckWritable's checks of the table's content.
[[nodiscard]] Status CheckWriterProtocol(const Snapshot& snapshot);

// kNotImplemented naming what strata cannot honour: a writer version above
// 7, an unsupported writer feature, column mapping, invariants, CHECK
// constraints, generated or identity columns, change data feed; kInvalid
// for an overwrite of an append-only table.
[[nodiscard]] Status CheckWritable(const Snapshot& snapshot, const TableWriteOptions& options);

// `schema` with Delta's types (ToDeltaType) and no field metadata.
[[nodiscard]] Result<SchemaPtr> DeltaSchemaOf(const Schema& schema);

// The metaData of a table with `schema`: `prior`'s id, name, description and
// configuration when replacing one (else an empty id the caller fills).
[[nodiscard]] Result<Metadata> NewMetadata(const Schema& schema,
                                           const std::vector<std::string>& partition_columns,
                                           const Snapshot* prior, Clock* clock);

// (1, 2), or (3, 7) with timestampNtz when a column needs it and
// typeWidening when a column was widened; never below `prior`'s protocol.
// nullopt when `prior`'s protocol already suffices.
std::optional<Protocol> ProtocolFor(const Schema& schema, const Snapshot* prior,
                                    bool type_widened = false);

// Deletes published data files of a write that did not commit (best effort).
void DeleteDataFiles(FileSystem* fs, const std::vector<dataset::WrittenFile>& files);

}  // namespace strata::delta::internal
