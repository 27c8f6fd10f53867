gi_add_test(NAME common_test LABEL unit
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/logger_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/error_details_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/fake_scheduler_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/ids_test.cc
  LIBS gi_common)
