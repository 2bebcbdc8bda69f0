$title Peer-to-peer electricity market on a 4-bus radial feeder (convex QP)
* Buses b0..b3 on a chain b0-b1-b2-b3; b0 is the slack (utility).  Every bus may trade with
* every other; tr(n,m,t) is the power n sends to m in period t (tr(m,n,t) = -tr(n,m,t)).
* The net injection of prosumer bus i is pn(i,t) = sum(m, tr(i,m,t)); its battery supplies
* b(i,t) = pn(i,t) - sched(t) (positive: discharging).  Per-unit values with S_base = 1 kW,
* Z_base = 1e5 Ohm, so powers are kW and energies kWh.  Periods last 4 hours.
*
* Objective: weighted squared deviation of the power delivered to the slack from its
* target, plus 0.01*(sum of all positive trades)**2, which penalises routing through
* middlemen.  The positive part is written in QP form: s >= P, s >= 0.
*
* Optimum (derived by hand and confirmed by an independent computation): every
* battery discharges to Emin in t1, idles in t2, charges to Emax in t3 and returns to its
* initial state in t4:
*   b   = t1 (1, 0.5, 1.75), t2 (0, 0, 0), t3 (-2.5, -0.5, -4.5), t4 (1.5, 0, 2.75)
*   soc = t1 (6, 12, 11), t2 (2, 10, 4), t3 (2, 10, 4), t4 (12, 12, 22)
* The power delivered to the slack is -5.15, 2.61, 48.3, 54.95, the positive trades add up
* to 111.01, and the objective is
*   101.5**2 + 9.22**2 + 264.9**2 + 94.95**2 + 0.01*111.01**2 = 89698.003101.
* The schedule is unique: the squared terms are strictly convex in each period's total
* battery power; the totals put every battery on its bound after t1 (Emin) and after t3
* (Emax), which fixes each battery's t1 and t3 power; t2 must be 0 for every battery
* (at Emin none can discharge and the total is 0), and the cyclic condition fixes t4.

Sets
   n  buses            / b0*b3 /
   i(n) prosumer buses / b1*b3 /
   t  periods          / t1*t4 / ;
Alias (n, m), (i, k, l);

Scalars
   dt    hours per period         / 4 /
   qinj  reactive injection (p.u.) / 2 /
   pmax  bus hardware limit       / 38.4 /
   bmax  battery power limit      / 7.5 /
   fmax  line flow limit          / 100 / ;

Parameters
   r(i)     resistance of the line feeding bus i (Ohm) / b1 1.3509, b2 1.17024, b3 0.84111 /
   x(i)     reactance of the line feeding bus i (Ohm)  / b1 1.32349, b2 1.14464, b3 0.82271 /
   sched(t) scheduled net injection of every prosumer bus / t1 -2.8, t2 0.87, t3 18.6, t4 16.9 /
   target(t) target for the power delivered to the slack  / t1 5, t2 -2, t3 -40, t4 -40 /
   w(t)     weight of the target                          / t1 10, t2 2, t3 3, t4 1 /
   e0(i)    initial state of charge (kWh)   / b1 6,  b2 12, b3 11 /
   emin(i)  minimum state of charge (kWh)   / b1 2,  b2 10, b3 4 /
   emax(i)  maximum state of charge (kWh)   / b1 12, b2 12, b3 22 /
   rpath(i,k) resistance common to the paths of buses i and k (p.u.)
   xpath(i,k) reactance common to the paths of buses i and k (p.u.) ;

* The voltage model is the LinDistFlow form v2 = 1 + R*p + X*q without the textbook factor
* 2, as in the market's definition; it never binds here.
* On a chain the common path of buses i and k is the lines b1..min(i,k).
rpath(i,k) = sum(l$(ord(l) <= min(ord(i), ord(k))), r(l))/1e5;
xpath(i,k) = sum(l$(ord(l) <= min(ord(i), ord(k))), x(l))/1e5;

Variables
   tr(n,m,t) power sent from n to m
   pn(i,t)   net injection of bus i
   b(i,t)    battery power (discharge positive)
   soc(i,t)  state of charge at the start of period t
   v2(i,t)   squared voltage magnitude (LinDistFlow)
   f(i,t)    flow on the line feeding bus i
   obj       objective ;
Positive Variable s(n,m,t) 'positive part of tr';

tr.fx(n,n,t) = 0;
pn.lo(i,t)   = -pmax;   pn.up(i,t)   = pmax;
b.lo(i,t)   = -bmax;   b.up(i,t)   = bmax;
soc.lo(i,t) = emin(i); soc.up(i,t) = emax(i);
v2.lo(i,t)  = sqr(0.95); v2.up(i,t) = sqr(1.05);
f.lo(i,t)   = -fmax;   f.up(i,t)   = fmax;

* Starting point: all power goes through the utility.
tr.l('b0',i,t) = -sched(t);
tr.l(i,'b0',t) = sched(t);

Equations
   defobj          objective
   recip(n,m,t)    trades are reciprocal
   defp(i,t)       net injection
   defb(i,t)       battery power
   defsoc(i,t)     state of charge
   cyclic(i)       the battery ends where it started
   volt(i,t)       LinDistFlow voltage
   flow(i,t)       line flow = minus the injection downstream
   pos(n,m,t)      s >= tr ;

defobj..  obj =e= sum(t, sqr(w(t)*(sum(i, tr(i,'b0',t)) - target(t))))
                  + 0.01*sqr(sum((n,m,t), s(n,m,t)));
recip(n,m,t)$(ord(n) < ord(m)).. tr(n,m,t) + tr(m,n,t) =e= 0;
defp(i,t)..    pn(i,t) =e= sum(m, tr(i,m,t));
defb(i,t)..    b(i,t) =e= pn(i,t) - sched(t);
defsoc(i,t)..  soc(i,t) =e= soc(i,t-1) - dt*b(i,t-1) + e0(i)$(ord(t) = 1);
cyclic(i)..    sum(t, b(i,t)) =e= 0;
volt(i,t)..    v2(i,t) =e= 1 + sum(k, rpath(i,k)*pn(k,t)) + sum(k, xpath(i,k)*qinj);
flow(i,t)..    f(i,t) =e= -sum(k$(ord(k) >= ord(i)), pn(k,t));
pos(n,m,t)$(not sameas(n,m)).. s(n,m,t) =g= tr(n,m,t);

Model market / all /;
Solve market using qcp minimizing obj;

Parameter slack(t) 'power delivered to the slack';
slack(t) = sum(i, tr.l(i,'b0',t));

display obj.l, b.l, soc.l, pn.l, slack, v2.l;
