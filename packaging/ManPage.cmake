# cmake -DHELP2MAN=<help2man> -DPROGRAM=<exe> -DVERSION=<x.y.z> -DNAME=<one line>
#       -DINCLUDES=<a;b> -DOUT=<x.1.gz> -P ManPage.cmake
#
# Writes the man page of PROGRAM from its --help (help2man, with the extra sections of the
# INCLUDES files), compressed as Debian wants it (gzip -9n: no name, no time). VERSION is given
# because the GUI's --version names the application ("AttentiveChrome Studio"), not the program.
# The programs run offscreen: the GUI needs a QApplication even to print its help.
cmake_minimum_required(VERSION 3.21)
set(ENV{QT_QPA_PLATFORM} offscreen)
set(include_args "")
foreach(include IN LISTS INCLUDES)
  list(APPEND include_args --include "${include}")
endforeach()
string(REGEX REPLACE "\\.gz$" "" page "${OUT}")
execute_process(COMMAND "${HELP2MAN}" --no-info --version-string "${VERSION}" --name "${NAME}"
                        ${include_args} --output "${page}" "${PROGRAM}"
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man ${PROGRAM} failed (${rc}): ${err}")
endif()
execute_process(COMMAND gzip -9nf "${page}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip ${page} failed (${rc})")
endif()
