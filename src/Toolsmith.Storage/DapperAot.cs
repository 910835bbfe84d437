// Every Dapper call of the store is compiled at build time (Dapper.AOT interceptors): no Reflection.Emit at run time,
// so the store works in the Native AOT `toolsmith` binary as well as under the JIT. Row types must stay internal (not
// private) for the generated code to reach them.
[module: Dapper.DapperAot]
