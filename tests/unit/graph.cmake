gi_add_test(NAME graph_test LABEL unit
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/graph_json_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/graph_urls_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/graph_errors_test.cc
  LIBS gi_graph)
gi_add_test(NAME graph_client_test LABEL unit
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/graph_client_impl_test.cc
  LIBS gi_graph)
