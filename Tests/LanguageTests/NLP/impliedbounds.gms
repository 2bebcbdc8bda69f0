$title Lower bounds that an equality implies (left out of the Ipopt solve)
* One line from the substation (bus 0, v0 = 1) to a load (pd, qd) at bus 1. The line's squared
* current l is declared positive, but the branch equation p^2 + q^2 = v0*l with v0 > 0 already
* gives l >= 0, so the bound is left to the equation (1 implied bound). The same model with l
* free must end at the same point; a model where the equation does not imply the bound
* (q^2 + v*w = 1 allows w < 0) keeps it.
Scalars r 'resistance' / 0.05 /, x 'reactance' / 0.04 /, pd 'load' / 0.8 /, qd / 0.3 /;

Variables p 'sent into the line', q, cost;
Positive Variables l 'squared current', v0 'substation voltage squared', v1 'load voltage squared';
v0.fx = 1;
v1.lo = 0.81; v1.up = 1.21;
Equations pbal, qbal, vdrop, branch, obj;
pbal..   p - r*l =e= pd;
qbal..   q - x*l =e= qd;
vdrop..  v1 =e= v0 - 2*(r*p + x*q) + (sqr(r) + sqr(x))*l;
branch.. sqr(p) + sqr(q) =e= v0*l;
obj..    cost =e= p;
Model line / all /;
solve line using nlp minimizing cost;
Parameter rep(*, *);
rep('bounded', 'cost') = cost.l;
rep('bounded', 'l') = l.l;
rep('bounded', 'gap') = abs(sqr(p.l) + sqr(q.l) - v0.l*l.l);

l.lo = -inf;
l.l = 0; p.l = 0; q.l = 0; v1.l = 0;
solve line using nlp minimizing cost;
rep('free', 'cost') = cost.l;
rep('free', 'l') = l.l;

* no load: p = q = 0 and l = 0 at the optimum, exactly at the implied bound
l.lo = 0; pd = 0; qd = 0;
l.l = 0; p.l = 0; q.l = 0;
solve line using nlp minimizing cost;
rep('noload', 'cost') = cost.l + 1;
rep('noload', 'l') = l.l + 1;

* here w < 0 is possible (q^2 + v*w = 1 with q = 2), so w >= 0 is a real bound
Positive Variable w;
Variable z;
Equations ring, wobj;
ring.. sqr(q) + v1*w =e= 1;
wobj.. z =e= w + sqr(q - 2);
Model keep / ring, wobj /;
v1.l = 1;
solve keep using nlp minimizing z;
rep('keep', 'w') = w.l + 1;
rep('keep', 'z') = z.l;
display rep;
