$title Two commodities sharing arc capacities (multi-commodity flow, 3-D flow variable)
*  Commodity k1 travels a -> d (20 units), k2 travels b -> d (10 units) over shared arcs.
*  Verified with glpsol (same LP in MathProg): 125. The split of the shared arcs between
*  the commodities is not unique, the arc totals and the capacity prices are: b-c and c-d
*  are full (worth 2 and 1 per unit), 5 units take the dear b-d arc.
*! solve 1 status 1 objective 125
*! total(b,c) = 10
*! total(c,d) = 25
*! total(b,d) = 5
*! total(a,c) = 15
*! lim.m(b,c) = -2
*! lim.m(c,d) = -1
*! lim.m(a,b) = 0
Sets n 'nodes' / a, b, c, d /
     k 'commodities' / k1, k2 /
     arc(n,n) / a.b, a.c, b.c, b.d, c.d /;
Alias (n,m);
Table arcdata(n,m,*)
            cap   cost
   a.b       15     1
   a.c       20     4
   b.c       10     1
   b.d       10     5
   c.d       25     1 ;
Table sup(k,n) 'supply (+) and demand (-)'
          a     b     d
   k1    20         -20
   k2          10   -10 ;
Parameter total(n,m) 'flow of all commodities';
Positive Variable f(k,n,m);
Variable z;
Equations bal(k,n), lim(n,m), obj;
bal(k,n)..      sum(arc(n,m), f(k,n,m)) - sum(arc(m,n), f(k,m,n)) =e= sup(k,n);
lim(arc(n,m)).. sum(k, f(k,n,m)) =l= arcdata(n,m,'cap');
obj..           z =e= sum((k,arc(n,m)), arcdata(n,m,'cost')*f(k,n,m));
Model mcf / all /;
solve mcf using lp minimizing z;
total(arc(n,m)) = sum(k, f.l(k,n,m));
display total, lim.m;
