gi_add_test(NAME http_test LABEL unit
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/http_url_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/http_header_check_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/http_request_builder_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/http_step_budget_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/http_transport_error_test.cc
  LIBS gi_http)
