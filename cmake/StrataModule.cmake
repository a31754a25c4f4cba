# strata_module(NAME SOURCES ... DEPS ...): one layer of the engine as a static
# library `strata_<NAME>`. Headers are included as "<module>/<header>.h" from
# src/, and each module links only the layers below it.
function(strata_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(strata_${name} STATIC ${ARG_SOURCES})
  target_include_directories(strata_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(strata_${name} PUBLIC ${ARG_DEPS} PRIVATE strata_warnings)
endfunction()

# strata_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered with
# ctest under the label `unit`.
function(strata_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  # `unit_tests` builds every unit test binary (the sanitizer run needs only these).
  if(NOT TARGET unit_tests)
    add_custom_target(unit_tests)
  endif()
  add_dependencies(unit_tests ${name})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main strata_warnings)
  # Shared test helpers: #include "testing/temp_dir.h".
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  set(labels unit)
  if(ARG_LABELS)
    set(labels ${ARG_LABELS})
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES LABELS "${labels}"
    ENVIRONMENT "STRATA_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
