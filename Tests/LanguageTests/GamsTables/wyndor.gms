$title Wyndor glass (values right-aligned beside short labels)
* Hillier and Lieberman's example: maximise 3 x1 + 5 x2 with plant hours.
* Optimum by hand: x1 = 2, x2 = 6, profit 36; hours are worth 0, 1.5 and 1.

Set p 'plants' / plant1*plant3 /, k 'products' / x1, x2 /;
Table a(*,*) 'hours per batch'
              x1      x2
   plant1  1.0
   plant2         2.00
   plant3  3.000     2
   Table cap(*,*)
                  hours
          plant1      4
          plant2     12
          plant3     18
   Parameter margin(k) / x1 3, x2 5 /;
   Positive Variables b(k);
   Variables profit;
   Equations obj, hours(p);
   obj..      profit =e= sum(k, margin(k)*b(k));
   hours(p).. sum(k, a(p,k)*b(k)) =l= cap(p,'hours');
   Model wyndor / all /;
   Solve wyndor using lp maximizing profit;
   Display b.l, hours.m;
