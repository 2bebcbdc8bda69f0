$title Joint dispatch of energy and spinning reserve
*  250 MW of energy and 60 MW of reserve from three units; energy plus reserve fits in the
*  unit's capacity. By hand (and with glpsol): u1 runs flat out, u3 holds its full 40 MW of
*  reserve and the last 20 MW of energy, u2 gives 20 MW of reserve: 3000 + 2400 + 20 + 900
*  = 6320. Energy price 45 (u3); reserve price 16: one more MW of reserve from u2 displaces
*  a MW of energy to u3 (45 - 30) and costs its own offer (1).
*! solve 1 status 1 objective 6320
*! g.l(u1) = 150
*! g.l(u3) = 20
*! r.l(u2) = 20
*! r.l(u3) = 40
*! demand.m = 45
*! reserve.m = 16
*! room.m(u1) = -25
*! r.m(u3) = -16
Set u 'units' / u1*u3 /;
Table data(u,*)
          cap   ec   rc   rmax
   u1     150   20    2     30
   u2     100   30    1     50
   u3      80   45    0     40 ;
Scalars dem 'MW' / 250 /, req 'reserve MW' / 60 /;
Positive Variables g(u) 'energy', r(u) 'reserve';
Variable z;
Equations demand, reserve, room(u), obj;
demand..   sum(u, g(u)) =e= dem;
reserve..  sum(u, r(u)) =g= req;
room(u)..  g(u) + r(u) =l= data(u,'cap');
obj..      z =e= sum(u, data(u,'ec')*g(u) + data(u,'rc')*r(u));
r.up(u) = data(u,'rmax');
Model coopt / all /;
solve coopt using lp minimizing z;
display g.l, r.l, r.m, demand.m, reserve.m, room.m;
