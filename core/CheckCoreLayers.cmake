# Keeps the core's library graph a graph of floors: no cycle among the core libraries, and no
# source that includes a header of a folder its library does not link (directly or not).
#
# ac_check_core_layers(<target>...) reads each target's LINK_LIBRARIES (target ac_<folder> is
# folder core/<folder>), fails configuration on a cycle, and adds a build step, run before any
# core source compiles and again whenever one changes, that fails on an include breaking the
# graph or on a widget/QtGui include in the core. ac_check_includes(<target> ...) adds the same
# scan for a target outside the core (the ui: no torch).

set(AC_LAYER_SCAN ${CMAKE_CURRENT_LIST_DIR}/ScanIncludes.cmake)

# Depth-first search from `node`; `path` is the chain of targets that led here.
function(_ac_layer_visit node path)
  get_property(done GLOBAL PROPERTY AC_LAYER_DONE)
  if(node IN_LIST done)
    return()
  endif()
  if(node IN_LIST path)
    list(APPEND path ${node})
    list(JOIN path " -> " chain)
    message(FATAL_ERROR "core library cycle: ${chain}")
  endif()
  list(APPEND path ${node})
  get_property(targets GLOBAL PROPERTY AC_LAYER_TARGETS)
  get_target_property(links ${node} LINK_LIBRARIES)
  set(closure "")
  foreach(dep IN LISTS links)
    if(dep IN_LIST targets)
      _ac_layer_visit(${dep} "${path}")
      get_property(sub GLOBAL PROPERTY AC_LAYER_CLOSURE_${dep})
      list(APPEND closure ${dep} ${sub})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES closure)
  set_property(GLOBAL PROPERTY AC_LAYER_CLOSURE_${node} "${closure}")
  set_property(GLOBAL APPEND PROPERTY AC_LAYER_DONE ${node})
endfunction()

# Adds a build step that scans the sources of `target` (folder `dir`): only the folders in
# ALLOWED may be included as "<folder>/Header.h"; FORBID is a regex of include targets.
function(ac_check_includes target)
  cmake_parse_arguments(ARG "" "DIR;FORBID" "ALLOWED;ALL_FOLDERS" ${ARGN})
  get_target_property(sources ${target} SOURCES)
  set(files "")
  foreach(s IN LISTS sources)
    if(s MATCHES "\\.(h|cpp)$" AND NOT IS_ABSOLUTE "${s}")
      list(APPEND files ${ARG_DIR}/${s})
    endif()
  endforeach()
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}.layers.stamp)
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} "-DTARGET=${target}" "-DFILES=${files}" "-DALLOWED=${ARG_ALLOWED}"
            "-DFOLDERS=${ARG_ALL_FOLDERS}" "-DFORBID=${ARG_FORBID}" "-DSTAMP=${stamp}"
            -P ${AC_LAYER_SCAN}
    DEPENDS ${files} ${AC_LAYER_SCAN}
    COMMENT "Checking the includes of ${target} against its library graph"
    VERBATIM)
  add_custom_target(${target}_layers DEPENDS ${stamp})
  add_dependencies(${target} ${target}_layers)
endfunction()

set(AC_CORE_FORBIDDEN_INCLUDES "^(Qt(Widgets|Gui|PrintSupport|Svg)/|QWidget|QPainter|QImage|qcustomplot)")

function(ac_check_core_layers)
  set_property(GLOBAL PROPERTY AC_LAYER_TARGETS ${ARGN})
  set_property(GLOBAL PROPERTY AC_LAYER_DONE "")
  set(folders "")
  foreach(t IN LISTS ARGN)
    string(REGEX REPLACE "^ac_" "" folder ${t})
    list(APPEND folders ${folder})
  endforeach()
  foreach(t IN LISTS ARGN)
    _ac_layer_visit(${t} "")
  endforeach()
  foreach(t IN LISTS ARGN)
    string(REGEX REPLACE "^ac_" "" folder ${t})
    get_property(closure GLOBAL PROPERTY AC_LAYER_CLOSURE_${t})
    set(allowed ${folder})
    foreach(dep IN LISTS closure)
      string(REGEX REPLACE "^ac_" "" f ${dep})
      list(APPEND allowed ${f})
    endforeach()
    ac_check_includes(${t} DIR ${CMAKE_CURRENT_SOURCE_DIR}/${folder}
      ALLOWED ${allowed} ALL_FOLDERS ${folders} FORBID "${AC_CORE_FORBIDDEN_INCLUDES}")
  endforeach()
endfunction()
