$title Results unloaded to GDX and read back in the same run (execute_unload / execute_load)
*  A two-unit dispatch is solved, its levels and prices written to a GDX file, then read
*  into fresh symbols. By hand: 120 MW from a 80 MW unit at 10 and a 100 MW unit at 20:
*  800 + 800 = 1600, price 20.
*  `xr=x` loads the file's symbol x into xr.
*! solve 1 status 1 objective 1600
*! x.l(u1) = 80
*! lev(u1) = 80
*! lev(u2) = 40
*! dem0 = 120
*! price = 20
Set u / u1, u2 /;
Parameters cap(u) / u1 80, u2 100 /, mc(u) / u1 10, u2 20 /;
Scalar dem / 120 /;
Positive Variable x(u);
Variable z;
Equations meet, defZ;
meet.. sum(u, x(u)) =e= dem;
defZ.. z =e= sum(u, mc(u)*x(u));
x.up(u) = cap(u);
Model disp / all /;
solve disp using lp minimizing z;
execute_unload 'execute_unload_reload.gdx', x, meet, dem;

Parameter lev(u) 'levels read back';
Scalars dem0 'demand read back', price 'price read back';
Positive Variable xr(u);
Equation meetr;
execute_load 'execute_unload_reload.gdx', xr=x, meetr=meet, dem0=dem;
lev(u) = xr.l(u);
price = meetr.m;
display x.l, lev, dem0, price;
