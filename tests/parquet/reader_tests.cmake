# The Parquet reader's tests, included by CMakeLists.txt into parquet_test.
set(STRATA_PARQUET_READER_TESTS
  assemble_test.cc
  column_reader_conversion_test.cc
  column_reader_error_test.cc
  column_reader_test.cc
  file_reader_corruption_test.cc
  file_reader_io_test.cc
  file_reader_test.cc
  schema_read_test.cc)
