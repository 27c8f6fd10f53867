# Polyglot tests: real Python and Node.js gRPC clients, with stubs made from
# proto/ at test time, against a running `guest-invitation-server --dev`.
# Run them with `ctest -L polyglot`. The Node test needs
# `npm ci --prefix tests/polyglot/node` once.
if(TARGET guest-invitation-server)
  set(GI_POLYGLOT_DIR ${CMAKE_CURRENT_SOURCE_DIR}/polyglot)
  set(GI_SERVER_BIN $<TARGET_FILE:guest-invitation-server>)

  # Debian's interpreter on purpose: it is the one with python3-grpcio,
  # whatever python3 comes first on PATH.
  foreach(name invite reflection)
    add_test(NAME polyglot_python_${name}
      COMMAND /usr/bin/python3 ${GI_POLYGLOT_DIR}/python/test_${name}.py
              ${GI_SERVER_BIN} -v)
    set_tests_properties(polyglot_python_${name} PROPERTIES
      LABELS polyglot TIMEOUT 120)
  endforeach()

  # A missing node or node_modules fails the test with the fix in its
  # output; it never passes silently.
  find_program(GI_NODE node)
  set(GI_NODE_DIR ${GI_POLYGLOT_DIR}/node)
  if(GI_NODE)
    set(GI_NODE_RUN "exec \"$0\" --test \"$1/invite.test.js\"")
  else()
    set(GI_NODE_RUN "echo 'node not found: install nodejs' >&2; exit 1")
  endif()
  add_test(NAME polyglot_node_invite
    COMMAND sh -c "test -d \"$1/node_modules\" || { echo \"$1/node_modules is missing: run npm ci --prefix tests/polyglot/node\" >&2; exit 1; }; ${GI_NODE_RUN}"
            "${GI_NODE}" ${GI_NODE_DIR})
  set_tests_properties(polyglot_node_invite PROPERTIES
    LABELS polyglot TIMEOUT 120
    ENVIRONMENT "GUESTINV_SERVER_BIN=${GI_SERVER_BIN}")
endif()
