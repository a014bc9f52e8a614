_aircom() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="aircom"
                ;;
            aircom,audit)
                cmd="aircom__subcmd__audit"
                ;;
            aircom,auth)
                cmd="aircom__subcmd__auth"
                ;;
            aircom,auth-status)
                cmd="aircom__subcmd__doctor"
                ;;
            aircom,backfill)
                cmd="aircom__subcmd__backfill"
                ;;
            aircom,check-number)
                cmd="aircom__subcmd__check__subcmd__number"
                ;;
            aircom,completions)
                cmd="aircom__subcmd__completions"
                ;;
            aircom,doctor)
                cmd="aircom__subcmd__doctor"
                ;;
            aircom,fix)
                cmd="aircom__subcmd__fix"
                ;;
            aircom,help)
                cmd="aircom__subcmd__help"
                ;;
            aircom,man)
                cmd="aircom__subcmd__man"
                ;;
            aircom,normalize)
                cmd="aircom__subcmd__normalize"
                ;;
            aircom,profiles)
                cmd="aircom__subcmd__profiles"
                ;;
            aircom,runs)
                cmd="aircom__subcmd__runs"
                ;;
            aircom,sandbox)
                cmd="aircom__subcmd__sandbox"
                ;;
            aircom,sync)
                cmd="aircom__subcmd__sync"
                ;;
            aircom,undo)
                cmd="aircom__subcmd__undo"
                ;;
            aircom__subcmd__audit,duplicates)
                cmd="aircom__subcmd__audit__subcmd__duplicates"
                ;;
            aircom__subcmd__audit,help)
                cmd="aircom__subcmd__audit__subcmd__help"
                ;;
            aircom__subcmd__audit,logging)
                cmd="aircom__subcmd__audit__subcmd__logging"
                ;;
            aircom__subcmd__audit,numbers)
                cmd="aircom__subcmd__audit__subcmd__numbers"
                ;;
            aircom__subcmd__audit__subcmd__help,duplicates)
                cmd="aircom__subcmd__audit__subcmd__help__subcmd__duplicates"
                ;;
            aircom__subcmd__audit__subcmd__help,help)
                cmd="aircom__subcmd__audit__subcmd__help__subcmd__help"
                ;;
            aircom__subcmd__audit__subcmd__help,logging)
                cmd="aircom__subcmd__audit__subcmd__help__subcmd__logging"
                ;;
            aircom__subcmd__audit__subcmd__help,numbers)
                cmd="aircom__subcmd__audit__subcmd__help__subcmd__numbers"
                ;;
            aircom__subcmd__auth,help)
                cmd="aircom__subcmd__auth__subcmd__help"
                ;;
            aircom__subcmd__auth,status)
                cmd="aircom__subcmd__auth__subcmd__status"
                ;;
            aircom__subcmd__auth__subcmd__help,help)
                cmd="aircom__subcmd__auth__subcmd__help__subcmd__help"
                ;;
            aircom__subcmd__auth__subcmd__help,status)
                cmd="aircom__subcmd__auth__subcmd__help__subcmd__status"
                ;;
            aircom__subcmd__backfill,calls)
                cmd="aircom__subcmd__backfill__subcmd__calls"
                ;;
            aircom__subcmd__backfill,help)
                cmd="aircom__subcmd__backfill__subcmd__help"
                ;;
            aircom__subcmd__backfill,sms)
                cmd="aircom__subcmd__backfill__subcmd__sms"
                ;;
            aircom__subcmd__backfill,tags)
                cmd="aircom__subcmd__backfill__subcmd__tags"
                ;;
            aircom__subcmd__backfill__subcmd__help,calls)
                cmd="aircom__subcmd__backfill__subcmd__help__subcmd__calls"
                ;;
            aircom__subcmd__backfill__subcmd__help,help)
                cmd="aircom__subcmd__backfill__subcmd__help__subcmd__help"
                ;;
            aircom__subcmd__backfill__subcmd__help,sms)
                cmd="aircom__subcmd__backfill__subcmd__help__subcmd__sms"
                ;;
            aircom__subcmd__backfill__subcmd__help,tags)
                cmd="aircom__subcmd__backfill__subcmd__help__subcmd__tags"
                ;;
            aircom__subcmd__fix,help)
                cmd="aircom__subcmd__fix__subcmd__help"
                ;;
            aircom__subcmd__fix,numbers)
                cmd="aircom__subcmd__fix__subcmd__numbers"
                ;;
            aircom__subcmd__fix__subcmd__help,help)
                cmd="aircom__subcmd__fix__subcmd__help__subcmd__help"
                ;;
            aircom__subcmd__fix__subcmd__help,numbers)
                cmd="aircom__subcmd__fix__subcmd__help__subcmd__numbers"
                ;;
            aircom__subcmd__help,audit)
                cmd="aircom__subcmd__help__subcmd__audit"
                ;;
            aircom__subcmd__help,auth)
                cmd="aircom__subcmd__help__subcmd__auth"
                ;;
            aircom__subcmd__help,backfill)
                cmd="aircom__subcmd__help__subcmd__backfill"
                ;;
            aircom__subcmd__help,check-number)
                cmd="aircom__subcmd__help__subcmd__check__subcmd__number"
                ;;
            aircom__subcmd__help,completions)
                cmd="aircom__subcmd__help__subcmd__completions"
                ;;
            aircom__subcmd__help,doctor)
                cmd="aircom__subcmd__help__subcmd__doctor"
                ;;
            aircom__subcmd__help,fix)
                cmd="aircom__subcmd__help__subcmd__fix"
                ;;
            aircom__subcmd__help,help)
                cmd="aircom__subcmd__help__subcmd__help"
                ;;
            aircom__subcmd__help,man)
                cmd="aircom__subcmd__help__subcmd__man"
                ;;
            aircom__subcmd__help,normalize)
                cmd="aircom__subcmd__help__subcmd__normalize"
                ;;
            aircom__subcmd__help,profiles)
                cmd="aircom__subcmd__help__subcmd__profiles"
                ;;
            aircom__subcmd__help,runs)
                cmd="aircom__subcmd__help__subcmd__runs"
                ;;
            aircom__subcmd__help,sandbox)
                cmd="aircom__subcmd__help__subcmd__sandbox"
                ;;
            aircom__subcmd__help,sync)
                cmd="aircom__subcmd__help__subcmd__sync"
                ;;
            aircom__subcmd__help,undo)
                cmd="aircom__subcmd__help__subcmd__undo"
                ;;
            aircom__subcmd__help__subcmd__audit,duplicates)
                cmd="aircom__subcmd__help__subcmd__audit__subcmd__duplicates"
                ;;
            aircom__subcmd__help__subcmd__audit,logging)
                cmd="aircom__subcmd__help__subcmd__audit__subcmd__logging"
                ;;
            aircom__subcmd__help__subcmd__audit,numbers)
                cmd="aircom__subcmd__help__subcmd__audit__subcmd__numbers"
                ;;
            aircom__subcmd__help__subcmd__auth,status)
                cmd="aircom__subcmd__help__subcmd__auth__subcmd__status"
                ;;
            aircom__subcmd__help__subcmd__backfill,calls)
                cmd="aircom__subcmd__help__subcmd__backfill__subcmd__calls"
                ;;
            aircom__subcmd__help__subcmd__backfill,sms)
                cmd="aircom__subcmd__help__subcmd__backfill__subcmd__sms"
                ;;
            aircom__subcmd__help__subcmd__backfill,tags)
                cmd="aircom__subcmd__help__subcmd__backfill__subcmd__tags"
                ;;
            aircom__subcmd__help__subcmd__fix,numbers)
                cmd="aircom__subcmd__help__subcmd__fix__subcmd__numbers"
                ;;
            aircom__subcmd__help__subcmd__sandbox,export-sms)
                cmd="aircom__subcmd__help__subcmd__sandbox__subcmd__export__subcmd__sms"
                ;;
            aircom__subcmd__help__subcmd__sandbox,serve)
                cmd="aircom__subcmd__help__subcmd__sandbox__subcmd__serve"
                ;;
            aircom__subcmd__help__subcmd__sync,contacts)
                cmd="aircom__subcmd__help__subcmd__sync__subcmd__contacts"
                ;;
            aircom__subcmd__sandbox,export-sms)
                cmd="aircom__subcmd__sandbox__subcmd__export__subcmd__sms"
                ;;
            aircom__subcmd__sandbox,help)
                cmd="aircom__subcmd__sandbox__subcmd__help"
                ;;
            aircom__subcmd__sandbox,serve)
                cmd="aircom__subcmd__sandbox__subcmd__serve"
                ;;
            aircom__subcmd__sandbox__subcmd__help,export-sms)
                cmd="aircom__subcmd__sandbox__subcmd__help__subcmd__export__subcmd__sms"
                ;;
            aircom__subcmd__sandbox__subcmd__help,help)
                cmd="aircom__subcmd__sandbox__subcmd__help__subcmd__help"
                ;;
            aircom__subcmd__sandbox__subcmd__help,serve)
                cmd="aircom__subcmd__sandbox__subcmd__help__subcmd__serve"
                ;;
            aircom__subcmd__sync,contacts)
                cmd="aircom__subcmd__sync__subcmd__contacts"
                ;;
            aircom__subcmd__sync,help)
                cmd="aircom__subcmd__sync__subcmd__help"
                ;;
            aircom__subcmd__sync__subcmd__help,contacts)
                cmd="aircom__subcmd__sync__subcmd__help__subcmd__contacts"
                ;;
            aircom__subcmd__sync__subcmd__help,help)
                cmd="aircom__subcmd__sync__subcmd__help__subcmd__help"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        aircom)
            opts="-v -q -y -h -V --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version doctor auth-status auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__audit)
            opts="-v -q -y -h -V --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version duplicates numbers logging help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__audit__subcmd__duplicates)
            opts="-v -q -y -h -V --country --partitions --with-calls --aircall --fix --strategy --dry-run --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --country)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --partitions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --with-calls)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --strategy)
                    COMPREPLY=($(compgen -W "merge-leads" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__audit__subcmd__help)
            opts="duplicates numbers logging help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__audit__subcmd__help__subcmd__duplicates)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__audit__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__audit__subcmd__help__subcmd__logging)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__audit__subcmd__help__subcmd__numbers)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__audit__subcmd__logging)
            opts="-v -q -y -h -V --country --partitions --since --until --number --html --min-outage-calls --min-outage --no-create --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --country)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --partitions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --number)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --html)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --min-outage-calls)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --min-outage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__audit__subcmd__numbers)
            opts="-v -q -y -h -V --country --partitions --status --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --country)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --partitions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --status)
                    COMPREPLY=($(compgen -W "fixable invalid ambiguous has-extension empty" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__auth)
            opts="-v -q -y -h -V --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version status help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__auth__subcmd__help)
            opts="status help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__auth__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__auth__subcmd__help__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__auth__subcmd__status)
            opts="-v -q -y -h -V --show-token --with-calls --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --with-calls)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__backfill)
            opts="-v -q -y -h -V --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version calls tags sms help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__backfill__subcmd__calls)
            opts="-v -q -y -h -V --country --partitions --since --until --only --number --create-contacts --conversation --locale --default-admin --dry-run --explain --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --country)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --partitions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --only)
                    COMPREPLY=($(compgen -W "all missed unanswered voicemail inbound outbound" -- "${cur}"))
                    return 0
                    ;;
                --number)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --create-contacts)
                    COMPREPLY=($(compgen -W "lead user none" -- "${cur}"))
                    return 0
                    ;;
                --conversation)
                    COMPREPLY=($(compgen -W "new last-open" -- "${cur}"))
                    return 0
                    ;;
                --locale)
                    COMPREPLY=($(compgen -W "en es" -- "${cur}"))
                    return 0
                    ;;
                --default-admin)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --explain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__backfill__subcmd__help)
            opts="calls tags sms help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__backfill__subcmd__help__subcmd__calls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__backfill__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__backfill__subcmd__help__subcmd__sms)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__backfill__subcmd__help__subcmd__tags)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__backfill__subcmd__sms)
            opts="-v -q -y -h -V --country --partitions --from --create-contacts --conversation --locale --default-admin --dry-run --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --country)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --partitions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --create-contacts)
                    COMPREPLY=($(compgen -W "lead user none" -- "${cur}"))
                    return 0
                    ;;
                --conversation)
                    COMPREPLY=($(compgen -W "new last-open" -- "${cur}"))
                    return 0
                    ;;
                --locale)
                    COMPREPLY=($(compgen -W "en es" -- "${cur}"))
                    return 0
                    ;;
                --default-admin)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__backfill__subcmd__tags)
            opts="-v -q -y -h -V --country --partitions --since --until --dry-run --default-admin --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --country)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --partitions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-admin)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__check__subcmd__number)
            opts="-v -q -y -h -V --country --offline --allow-vanity --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --country)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__completions)
            opts="-v -q -y -h -V --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__doctor)
            opts="-v -q -y -h -V --show-token --with-calls --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --with-calls)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__fix)
            opts="-v -q -y -h -V --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version numbers help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__fix__subcmd__help)
            opts="numbers help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__fix__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__fix__subcmd__help__subcmd__numbers)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__fix__subcmd__numbers)
            opts="-L -v -q -y -h -V --country --partitions --dry-run --include-ambiguous --limit --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --country)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --partitions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -L)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help)
            opts="doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__audit)
            opts="duplicates numbers logging"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__audit__subcmd__duplicates)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__audit__subcmd__logging)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__audit__subcmd__numbers)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__auth)
            opts="status"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__auth__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__backfill)
            opts="calls tags sms"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__backfill__subcmd__calls)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__backfill__subcmd__sms)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__backfill__subcmd__tags)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__check__subcmd__number)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__doctor)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__fix)
            opts="numbers"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__fix__subcmd__numbers)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__man)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__normalize)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__profiles)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__runs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__sandbox)
            opts="serve export-sms"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__sandbox__subcmd__export__subcmd__sms)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__sandbox__subcmd__serve)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__sync)
            opts="contacts"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__sync__subcmd__contacts)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__help__subcmd__undo)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__man)
            opts="-v -q -y -h -V --out --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__normalize)
            opts="-o -v -q -y -h -V --column --country --country-column --output --delimiter --aircall-import --name-column --first-name-column --last-name-column --company-column --allow-vanity --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --country)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --country-column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --delimiter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-import)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name-column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --first-name-column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --last-name-column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --company-column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__profiles)
            opts="-v -q -y -h -V --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__runs)
            opts="-L -v -q -y -h -V --limit --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -L)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sandbox)
            opts="-v -q -y -h -V --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version serve export-sms help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sandbox__subcmd__export__subcmd__sms)
            opts="-v -q -y -h -V --seed --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sandbox__subcmd__help)
            opts="serve export-sms help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sandbox__subcmd__help__subcmd__export__subcmd__sms)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sandbox__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sandbox__subcmd__help__subcmd__serve)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sandbox__subcmd__serve)
            opts="-v -q -y -h -V --seed --contacts --calls --days --latency --faults --aircall-limit --intercom-limit --search-lag --aircall-headers-always --port --anchor --state-file --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --contacts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --calls)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --latency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --faults)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --search-lag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --anchor)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sync)
            opts="-v -q -y -h -V --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version contacts help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sync__subcmd__contacts)
            opts="-v -q -y -h -V --country --partitions --role --tag --segment --since --incremental --no-adopt --with-extensions --prune --prune-limit --force-prune --dry-run --report --export-csv --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --country)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --partitions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --role)
                    COMPREPLY=($(compgen -W "user lead all" -- "${cur}"))
                    return 0
                    ;;
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --segment)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prune-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --report)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --export-csv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sync__subcmd__help)
            opts="contacts help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sync__subcmd__help__subcmd__contacts)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__sync__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        aircom__subcmd__undo)
            opts="-v -q -y -h -V --dry-run --verbose --quiet --color --json --csv --no-progress --wide --all --no-pager --yes --profile --state --sandbox --sandbox-state --aircall-rate --intercom-rate --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "$(aircom profiles 2>/dev/null)" -- "${cur}"))
                    return 0
                    ;;
                --state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sandbox-state)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aircall-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intercom-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _aircom -o nosort -o bashdefault -o default aircom
else
    complete -F _aircom -o bashdefault -o default aircom
fi
