gi_add_test(NAME auth_test LABEL unit
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/token_endpoint_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/client_secret_token_source_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/caching_token_provider_test.cc
  LIBS gi_auth)
