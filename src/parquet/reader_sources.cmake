# The Parquet reader's sources, included by CMakeLists.txt into strata_parquet.
set(STRATA_PARQUET_READER_SOURCES
  assemble.cc
  column_builder.cc
  column_reader.cc
  file_reader.cc
  page_reader.cc
  schema_read.cc
  value_conversion.cc
  value_decoder.cc)
