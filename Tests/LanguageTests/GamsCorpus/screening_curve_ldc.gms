$title Generation mix from a load-duration curve in three bands (screening curve LP)
*  Bands stacked on the load-duration curve: 50 MW for 8760 h, 30 MW for 4000 h, 20 MW for
*  500 h. Annual cost of a MW serving a band of h hours: fixed + var*h. By hand: base
*  200 + 0.01h, mid 100 + 0.03h, peak 40 + 0.1h. At 8760 h base is cheapest (287.6); at
*  4000 h mid (220 < 240 < 440); at 500 h peak (90 < 115 < 205). Cost 50*287.6 + 30*220 +
*  20*90 = 22780; the band marginals are those screening costs.
*! solve 1 status 1 objective 22780
*! cap.l(base) = 50
*! cap.l(mid) = 30
*! cap.l(peak) = 20
*! band.m(b1) = 287.6
*! band.m(b2) = 220
*! band.m(b3) = 90
*! screen(mid,b2) = 220
*! screen(base,b3) = 205
Sets te 'technologies' / base, mid, peak /
     b  'load bands'   / b1*b3 /;
Table ldc(b,*) 'load-duration bands'
         mw     hours
   b1    50     8760
   b2    30     4000
   b3    20      500 ;
Table cost(te,*) 'annualised cost'
          fixed    var
   base    200    0.01
   mid     100    0.03
   peak     40    0.10 ;
Parameter screen(te,b) 'cost of a MW serving a band';
screen(te,b) = cost(te,'fixed') + cost(te,'var')*ldc(b,'hours');
Positive Variables cap(te) 'capacity MW', x(te,b) 'MW of band b served by te';
Variable total;
Equations band(b), room(te), defTotal;
band(b)..   sum(te, x(te,b)) =e= ldc(b,'mw');
room(te)..  sum(b, x(te,b)) =l= cap(te);
defTotal..  total =e= sum(te, cost(te,'fixed')*cap(te))
                    + sum((te,b), cost(te,'var')*ldc(b,'hours')*x(te,b));
Model screening / all /;
solve screening using lp minimizing total;
display cap.l, band.m, screen;
