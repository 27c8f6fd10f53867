gi_add_test(NAME beast_transport_test LABEL integration
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/integration/beast_transport_test.cc
  LIBS gi_http gi_emulator_net)
