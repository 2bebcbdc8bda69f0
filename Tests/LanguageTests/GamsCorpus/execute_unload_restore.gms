$title Saving data and results to GDX, changing them, and restoring them with execute_load
*  Demand 120 is saved with the first solve's results; a stress case at 170 is solved; the
*  saved demand and levels are loaded back. By hand: 120 MW from 80 MW at 10 and 100 MW at
*  20 costs 1600 (price 20); 170 MW costs 800 + 1800 = 2600.
*! solves 2
*! solve 1 status 1 objective 1600
*! solve 2 status 1 objective 2600
*! x.l(u2) = 40
*! x.l(u1) = 80
*! stressCost = 2600
*! dem(base) = 120
Set u / u1, u2 /
    dset 'demand cases' / base, stress /;
Parameters cap(u) / u1 80, u2 100 /, mc(u) / u1 10, u2 20 /;
Parameter dem(dset) / base 120, stress 170 /;
Scalar d 'demand solved for', stressCost;
Positive Variable x(u);
Variable z;
Equations meet, defZ;
meet.. sum(u, x(u)) =e= d;
defZ.. z =e= sum(u, mc(u)*x(u));
x.up(u) = cap(u);
Model disp / all /;
d = dem('base');
solve disp using lp minimizing z;
execute_unload 'execute_unload_restore.gdx', x, dem;
dem('base') = 0;
d = dem('stress');
solve disp using lp minimizing z;
stressCost = z.l;
execute_load 'execute_unload_restore.gdx', x, dem;
display x.l, dem, stressCost;
