gi_add_test(NAME retry_test LABEL unit
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/retry_after_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/backoff_policy_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/retry_policy_test.cc
  LIBS gi_retry)
