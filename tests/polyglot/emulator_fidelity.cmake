# Emulator fidelity: Microsoft's own Graph JavaScript SDK
# (@microsoft/microsoft-graph-client, unchanged from npm) drives the real
# graph-emulator binary. Sources in tests/emulator_fidelity/. Run it with
# `ctest -L polyglot`; it needs `npm ci --prefix tests/emulator_fidelity` once.
if(TARGET graph-emulator)
  set(GI_FIDELITY_DIR ${CMAKE_CURRENT_SOURCE_DIR}/emulator_fidelity)

  # A missing node or node_modules fails the test with the fix in its
  # output; it never passes silently.
  find_program(GI_NODE node)
  if(GI_NODE)
    # Plain `node` (not `node --test`): the file is a launcher that starts
    # the emulator and re-runs itself under `node --test` with the
    # emulator's CA in NODE_EXTRA_CA_CERTS.
    set(GI_FIDELITY_RUN "exec \"$0\" \"$1/fidelity.test.js\"")
  else()
    set(GI_FIDELITY_RUN "echo 'node not found: install nodejs' >&2; exit 1")
  endif()
  add_test(NAME emulator_fidelity_node
    COMMAND sh -c "test -d \"$1/node_modules\" || { echo \"$1/node_modules is missing: run npm ci --prefix tests/emulator_fidelity\" >&2; exit 1; }; ${GI_FIDELITY_RUN}"
            "${GI_NODE}" ${GI_FIDELITY_DIR})
  set_tests_properties(emulator_fidelity_node PROPERTIES
    LABELS polyglot TIMEOUT 120
    ENVIRONMENT "GRAPH_EMULATOR_BIN=$<TARGET_FILE:graph-emulator>")
endif()
