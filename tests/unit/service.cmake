gi_add_test(NAME service_validation_test LABEL unit
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/field_rules_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/request_validation_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/grpc_status_test.cc
  LIBS gi_service)
gi_add_test(NAME invitations_test LABEL unit
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/idempotency_cache_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/invitation_use_cases_test.cc
  LIBS gi_invitations)
gi_add_test(NAME config_test LABEL unit
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/server_config_test.cc
  LIBS gi_config)
