gi_add_test(NAME emulator_unit_test LABEL unit
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_token_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_invitations_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_groups_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_users_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_faults_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_control_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_config_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_odata_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_throttling_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_batch_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_advanced_query_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_group_members_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_deleted_items_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_tenant_policy_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator_client_assertion_test.cc
  LIBS gi_emulator)
