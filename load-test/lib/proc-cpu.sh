# CPU time from /proc, for the benchmarks (sourced): ticks of 1/100 s, user + system.
# A thread's name may hold spaces, so its stat fields are counted after the ")".
# A thread that ends between two readings takes its ticks with it: a figure left without it then errs high.

# ticks <pid>: the whole process
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }

# thread_ticks <pid> <regex>: the threads whose name matches the (bash, extended) regex
thread_ticks() {
  local t comm n sum=0
  for t in /proc/"$1"/task/*; do
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    [[ $comm =~ $2 ]] || continue
    n=$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12+$13}')
    sum=$((sum + ${n:-0}))
  done
  echo "$sum"
}

# jit_ticks <pid>: the JIT compiler threads — still compiling after a short warm-up, so a figure without them is
# the cost of the work itself on a warm JVM
jit_ticks() { thread_ticks "$1" '^C[12] Compiler'; }
