$title Two plants, two products (dotted rows, label groups, comments)
* Optimum by hand: p1 from east (60 at 4) and west (40 at 5); p2 from west
* (50 at 5) and east (20 at 6); cost 440 + 370 = 810.

   Set pl 'plants' / east, west /
       pr 'products' / p1, p2 /;

   Table data(pl,pr,*) 'unit cost and capacity'
*                  the west plant makes both products alike
                     cost       cap
     east.p1            4        60
     east.p2            6        40
     west.(p1,p2)       5        50
   Parameter dem(pr) / p1 100, p2 70 /;

   Positive Variable q(pl,pr);
   Variable cost;
   Equations obj, meet(pr);
   obj..      cost =e= sum((pl,pr), data(pl,pr,'cost')*q(pl,pr));
   meet(pr).. sum(pl, q(pl,pr)) =g= dem(pr);
   q.up(pl,pr) = data(pl,pr,'cap');
   Model make / all /;
   Solve make using lp minimizing cost;
   Display q.l;
