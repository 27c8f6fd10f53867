# Unit tests of the C++ client library (gi_client) and guestctl
# (gi_guestctl): no I/O, gMock stubs instead of a server.
set(GI_CLIENT_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/unit/client)

gi_add_test(NAME client_error_details_test LABEL unit
  SOURCES ${GI_CLIENT_TEST_DIR}/client_error_details_test.cc
  LIBS gi_client)
gi_add_test(NAME guest_invitation_client_test LABEL unit
  SOURCES ${GI_CLIENT_TEST_DIR}/guest_invitation_client_test.cc
  LIBS gi_client)
gi_add_test(NAME guestctl_flags_test LABEL unit
  SOURCES ${GI_CLIENT_TEST_DIR}/guestctl_flags_test.cc
  LIBS gi_guestctl)
gi_add_test(NAME guestctl_output_test LABEL unit
  SOURCES ${GI_CLIENT_TEST_DIR}/guestctl_output_test.cc
  LIBS gi_guestctl)
gi_add_test(NAME guestctl_invite_test LABEL unit
  SOURCES ${GI_CLIENT_TEST_DIR}/guestctl_invite_test.cc
  LIBS gi_guestctl)
gi_add_test(NAME guestctl_commands_test LABEL unit
  SOURCES ${GI_CLIENT_TEST_DIR}/guestctl_commands_test.cc
  LIBS gi_guestctl)
