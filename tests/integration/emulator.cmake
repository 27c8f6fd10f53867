if(TARGET gi_emulator_embedded AND TARGET graph-emulator)
  gi_add_test(NAME emulator_tls_test LABEL integration
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/integration/emulator_tls_test.cc
    LIBS gi_emulator_embedded gi_http)
  # The binary test runs the real graph-emulator executable.
  add_dependencies(emulator_tls_test graph-emulator)
  target_compile_definitions(emulator_tls_test PRIVATE
    GRAPH_EMULATOR_BINARY="$<TARGET_FILE:graph-emulator>")
endif()
