$title Minimum-cost flow on a small network (arc sets with controlled indices)
*  Ships 5 units from s to t. Paths: s-a-b-t costs 3 (room for 3), s-b-t costs 5 (room
*  for 2), s-a-t costs 7: the optimum sends 3 along the first and 2 along the second, 19.
*! solve 1 status 1 objective 19
*! f.l(s,a) = 3
*! f.l(s,b) = 2
*! f.l(a,b) = 3
*! f.l(b,t) = 5
*! f.l(a,t) = 0
*! card f.l = 4
*! outdeg(s) = 2
*! outdeg(t) = 0
Sets
   n   'nodes'  / s, a, b, t /
   arc(n,n) 'arcs' / s.a, s.b, a.b, a.t, b.t / ;
Alias (n,m);
Parameters
   cap(n,m)  'capacity'   / s.a 4, s.b 2, a.b 3, a.t 1, b.t 5 /
   cost(n,m) 'unit cost'  / s.a 1, s.b 4, a.b 1, a.t 6, b.t 1 /
   supply(n) 'net supply' / s 5, t -5 / ;
Positive Variable f(n,m) 'flow';
Variable z 'total cost';
Equations bal(n) 'node balance', lim(n,m) 'arc capacity', obj;
bal(n)..        sum(arc(n,m), f(n,m)) - sum(arc(m,n), f(m,n)) =e= supply(n);
lim(arc(n,m)).. f(n,m) =l= cap(n,m);
obj..           z =e= sum(arc(n,m), cost(n,m)*f(n,m));
Model mcf / all /;
solve mcf using lp minimizing z;
Parameter outdeg(n) 'arcs leaving a node';
outdeg(n) = sum(arc(n,m), 1);
display f.l, outdeg;
