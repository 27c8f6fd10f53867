# gi_add_fuzzer(name SOURCES ... LIBS ...)
# Always: `<name>_seeds`, a plain executable that replays the seed corpus
# tests/fuzz/corpus/<name>/ (ctest label fuzz), so every build re-checks the
# inputs that once mattered. With -DGUESTINV_FUZZ=ON (CXX=clang++-14): the
# libFuzzer binary `<name>` too, with ASan+UBSan.
function(gi_add_fuzzer name)
  cmake_parse_arguments(F "" "" "SOURCES;LIBS" ${ARGN})
  set(dir ${CMAKE_CURRENT_SOURCE_DIR})
  add_executable(${name}_seeds ${F_SOURCES} ${dir}/fuzz_seed_runner.cc)
  gi_target_defaults(${name}_seeds)
  target_link_libraries(${name}_seeds PRIVATE ${F_LIBS})
  add_test(NAME ${name}_seeds COMMAND ${name}_seeds ${dir}/corpus/${name})
  set_tests_properties(${name}_seeds PROPERTIES LABELS fuzz TIMEOUT 120)
  if(GUESTINV_FUZZ)
    add_executable(${name} ${F_SOURCES})
    gi_target_defaults(${name})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(${name} PRIVATE ${F_LIBS})
  endif()
endfunction()

gi_add_fuzzer(graph_response_fuzzer
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/graph_response_fuzzer.cc
  LIBS gi_graph gi_auth gi_retry)
gi_add_fuzzer(request_validation_fuzzer
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/request_validation_fuzzer.cc
  LIBS gi_service)
gi_add_fuzzer(emulator_request_fuzzer
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/emulator_request_fuzzer.cc
  LIBS gi_emulator)
