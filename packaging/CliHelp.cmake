# cmake -DCLI=<attentivechrome-cli> -DOUT_DIR=<dir> -P CliHelp.cmake
#
# Runs `attentivechrome-cli --help` and the --help of every command it lists (and of every
# benchmark `bench --help` lists), and writes from that text, so both always match the program:
#   <OUT_DIR>/attentivechrome-cli-commands.h2m  help2man include: a COMMANDS section, the help
#                                               of each command verbatim
#   <OUT_DIR>/attentivechrome-cli.bash          bash completion of the commands and their options
# The help is parsed as the program writes it: a section header ending in ':' ("Commands:",
# "Benchmarks:", "Options:"), then entries indented by two spaces ("  name  summary" for commands
# and benchmarks, "  --opt <VALUE>  text" for options, as QCommandLineParser writes them).
cmake_minimum_required(VERSION 3.21)

# Help text of `CLI <args> --help` (stdout).
function(cli_help out)
  execute_process(COMMAND "${CLI}" ${ARGN} --help
    OUTPUT_VARIABLE text ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${CLI} ${ARGN} --help failed (${rc}): ${err}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Lines of `text` as a list (';' in the text kept).
function(split_lines out text)
  string(REPLACE ";" "\\;" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Names listed under "Commands:" (the program's help) or "Benchmarks:" (bench --help).
function(listed_names out text)
  split_lines(lines "${text}")
  set(names "")
  set(in_list FALSE)
  foreach(line IN LISTS lines)
    if(line MATCHES "^[A-Z][A-Za-z ]*:$")
      set(in_list FALSE)
      if(line MATCHES "^(Commands|Benchmarks):$")
        set(in_list TRUE)
      endif()
    elseif(in_list AND line MATCHES "^  ([a-z][a-z0-9-]*)  ")
      list(APPEND names "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

# Long options of `text` (`options`) and those of them that take a value (`values`).
function(listed_options options values text)
  split_lines(lines "${text}")
  set(all "")
  set(valued "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^  (-[A-Za-z], )?(--[a-z0-9-]+)( <[^>]+>)?")
      list(APPEND all "${CMAKE_MATCH_2}")
      if(CMAKE_MATCH_3)
        list(APPEND valued "${CMAKE_MATCH_2}")
      endif()
    endif()
  endforeach()
  list(JOIN all " " all)
  list(JOIN valued " " valued)
  set(${options} "${all}" PARENT_SCOPE)
  set(${values} "${valued}" PARENT_SCOPE)
endfunction()

# `text` as roff that man shows as it is (no fill, '\' and leading '.' or "'" escaped).
function(roff_verbatim out text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} ".nf\n${text}.fi\n" PARENT_SCOPE)
endfunction()

set(man "[COMMANDS]\nEach command has its own options; this is the output of its \\fB\\-\\-help\\fR.\n")
set(cases "")
cli_help(usage)
listed_names(commands "${usage}")
if(NOT commands)
  message(FATAL_ERROR "no commands found in the output of ${CLI} --help")
endif()
foreach(command IN LISTS commands)
  cli_help(help ${command})
  roff_verbatim(body "${help}")
  string(APPEND man ".SS \"${command}\"\n${body}")
  listed_names(subcommands "${help}")
  if(subcommands)
    list(JOIN subcommands " " words)
    string(APPEND cases "        ${command}) words=\"${words}\" ;;\n")
    foreach(sub IN LISTS subcommands)
      cli_help(subhelp ${command} ${sub})
      roff_verbatim(body "${subhelp}")
      string(APPEND man ".SS \"${command} ${sub}\"\n${body}")
      listed_options(options values "${subhelp}")
      string(APPEND cases "        \"${command} ${sub}\") words=\"${options}\" values=\"${values}\" ;;\n")
    endforeach()
  else()
    listed_options(options values "${help}")
    string(APPEND cases "        ${command}) words=\"${options}\" values=\"${values}\" ;;\n")
  endif()
endforeach()
file(WRITE "${OUT_DIR}/attentivechrome-cli-commands.h2m" "${man}")

list(JOIN commands " " command_words)
file(WRITE "${OUT_DIR}/attentivechrome-cli.bash" "\
# bash completion for attentivechrome-cli: its commands, benchmarks and options.
# Generated at build time from the program's --help (packaging/CliHelp.cmake); do not edit.
# A value of an option and a positional argument complete as file names (complete -o default).
_attentivechrome_cli()
{
    local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
    local words=\"\" values=\"\" key=\${COMP_WORDS[1]}
    if [[ \$COMP_CWORD -eq 1 ]]; then
        COMPREPLY=(\$(compgen -W \"${command_words} --help --version\" -- \"\$cur\"))
        return 0
    fi
    if [[ \$key == bench && \$COMP_CWORD -gt 2 ]]; then
        key=\"bench \${COMP_WORDS[2]}\"
    fi
    case \$key in
${cases}    esac
    if [[ \" \$values \" == *\" \$prev \"* ]]; then
        return 0
    fi
    if [[ \$cur == -* || \$key == bench ]]; then
        COMPREPLY=(\$(compgen -W \"\$words\" -- \"\$cur\"))
    fi
}
complete -o bashdefault -o default -F _attentivechrome_cli attentivechrome-cli
")
