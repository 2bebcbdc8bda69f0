$title Desks and chairs: product mix with shadow prices
*  max 7 T + 5 C  s.t.  3T + 4C <= 2400 (carpentry), 2T + C <= 1000 (painting), C <= 450,
*  T >= 100. By hand: carpentry and painting bind, T = 320, C = 360, profit 4040; their duals
*  solve 3y1 + 2y2 = 7, 4y1 + y2 = 5: y1 = 0.6, y2 = 2.6. The other two rows are slack.
*! solve 1 status 1 objective 4040
*! x.l(desks) = 320
*! x.l(chairs) = 360
*! hours.m(carpentry) = 0.6
*! hours.m(painting) = 2.6
*! hours.l(carpentry) = 2400
*! maxChairs.m = 0
Sets
   p 'products'  / desks, chairs /
   r 'resources' / carpentry, painting /;
Parameter profit(p) 'per unit' / desks 7, chairs 5 /
          avail(r)  'hours'    / carpentry 2400, painting 1000 /;
Table use(r,p) 'hours per unit'
               desks  chairs
   carpentry     3       4
   painting      2       1 ;
Positive Variable x(p) 'units made';
Variable gain 'total profit';
Equations hours(r), maxChairs, minTables, defGain;
hours(r)..  sum(p, use(r,p)*x(p)) =l= avail(r);
maxChairs.. x('chairs') =l= 450;
minTables.. x('desks') =g= 100;
defGain..   gain =e= sum(p, profit(p)*x(p));
Model mix / all /;
solve mix using lp maximizing gain;
display x.l, hours.l, hours.m, maxChairs.m;
