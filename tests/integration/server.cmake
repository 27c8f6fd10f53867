if(TARGET gi_app)
  gi_add_test(NAME server_integration_test LABEL integration TIMEOUT 180
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/integration/server_harness.cc
            ${CMAKE_CURRENT_SOURCE_DIR}/integration/create_invitation_test.cc
    LIBS gi_app gi_emulator_embedded)
endif()
