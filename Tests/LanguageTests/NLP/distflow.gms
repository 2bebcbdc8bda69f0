$title DistFlow optimal power flow with batteries on a 5-bus radial feeder
* Branch-flow (DistFlow) model of a radial feeder b0-b1, b1-b2, b2-b3, b1-b4 over four
* one-hour periods.  Every line is named by the bus it feeds.  For line j (parent i):
*   P(j)**2 + Q(j)**2 = v(i)*ell(j)    (ell: squared current, v: squared voltage; non-convex)
*   v(j) = v(i) - 2*(r*P + x*Q) + (r**2 + x**2)*ell
* and at every bus the power received, P(j) - r*ell(j), plus local generation and battery
* discharge, covers the load and the flows sent on.  Per-unit data of this project's own
* making.  The slack b0 buys power at a price per period plus a quadratic term; a
* dispatchable unit at b3 has a quadratic cost; batteries at b2 and b4 shift energy.
*
* Three solves:
*   lindist  the lossless LinDistFlow model (ell fixed at 0, no current equation);
*   distflow the full model from a warm start (the lindist point) and again from a flat
*            start: both must reach the same objective;
*   fixed    the full model with the battery and unit schedule of lindist held fixed.
* Sanity bounds (voltage limits do not bind in these data, which the report shows):
*   lower: an optimal DistFlow point, with its line losses removed from the slack purchase,
*          is feasible for lindist at a lower cost (the cost rises with the purchase), so
*          obj(lindist) <= obj(distflow);
*   upper: the fixed solve is a feasible DistFlow point, so obj(distflow) <= obj(fixed).
* An independent computation on the same formulation gave 368.1666667 (lindist) and
* 374.6143628 (distflow).

Sets
   n        buses / b0*b4 /
   nb(n)    buses fed by a line / b1*b4 /
   line(n,n) lines parent.child / b0.b1, b1.b2, b2.b3, b1.b4 /
   bat(n)   buses with a battery / b2, b4 /
   dg(n)    buses with a dispatchable unit / b3 /
   t        periods / t1*t4 / ;
Alias (n, i, j, k);

Scalars
   dt     hours per period / 1 /
   vmin   lowest voltage  / 0.9 /
   vmax   highest voltage / 1.1 /
   cq     quadratic price of the slack purchase / 10 /
   ga     linear cost of the unit    / 30 /
   gb     quadratic cost of the unit / 20 /
   gmax   unit capacity              / 0.6 /
   qgmax  unit reactive limit        / 0.3 /
   bmax   battery power limit        / 0.3 /
   emin   lowest state of charge     / 0.1 /
   emax   highest state of charge    / 1.0 /
   e0     initial state of charge    / 0.5 / ;

Parameters
   r(n)     resistance of the line feeding bus n / b1 0.01,  b2 0.015, b3 0.02,  b4 0.015 /
   x(n)     reactance of the line feeding bus n  / b1 0.02,  b2 0.02,  b3 0.015, b4 0.01 /
   pbase(n) peak active load / b1 0.4, b2 0.5, b3 0.6, b4 0.5 /
   prof(t)  load profile     / t1 0.5, t2 0.8, t3 1.2, t4 1.0 /
   price(t) slack price      / t1 20,  t2 35,  t3 80,  t4 50 /
   pd(n,t)  active load
   qd(n,t)  reactive load ;
pd(n,t) = pbase(n)*prof(t);
qd(n,t) = 0.3*pd(n,t);

Variables
   P(n,t)   active power sent into the line feeding n
   Q(n,t)   reactive power sent into the line feeding n
   ell(n,t)   squared current of the line feeding n
   v(n,t)   squared voltage
   pg(t)    slack purchase
   qg(t)    slack reactive power
   g(n,t)   unit output
   qdg(n,t) unit reactive output
   bd(n,t)  battery discharge (negative: charging)
   e(n,t)   state of charge at the end of period t
   cost     total cost ;

v.fx('b0',t)  = 1;
v.lo(nb,t)    = sqr(vmin);  v.up(nb,t) = sqr(vmax);
ell.lo(nb,t)    = 0;
g.lo(dg,t)    = 0;          g.up(dg,t) = gmax;
qdg.lo(dg,t)  = -qgmax;     qdg.up(dg,t) = qgmax;
bd.lo(bat,t)  = -bmax;      bd.up(bat,t) = bmax;
e.lo(bat,t)   = emin;       e.up(bat,t) = emax;

Equations
   defcost      total cost
   rootp(t)     slack active balance
   rootq(t)     slack reactive balance
   balp(n,t)    active balance at a fed bus
   balq(n,t)    reactive balance at a fed bus
   volt(n,t)    voltage drop along a line
   current(n,t) squared current of a line
   soc(n,t)     battery state of charge
   endsoc(n)    the battery ends no emptier than it started ;

defcost..  cost =e= sum(t, dt*(price(t)*pg(t) + cq*sqr(pg(t))
                        + sum(dg, ga*g(dg,t) + gb*sqr(g(dg,t)))));
rootp(t).. pg(t) =e= sum(k$line('b0',k), P(k,t));
rootq(t).. qg(t) =e= sum(k$line('b0',k), Q(k,t));
balp(nb,t).. P(nb,t) - r(nb)*ell(nb,t) + g(nb,t)$dg(nb) + bd(nb,t)$bat(nb) - pd(nb,t)
               =e= sum(k$line(nb,k), P(k,t));
balq(nb,t).. Q(nb,t) - x(nb)*ell(nb,t) + qdg(nb,t)$dg(nb) - qd(nb,t)
               =e= sum(k$line(nb,k), Q(k,t));
volt(nb,t).. v(nb,t) =e= sum(i$line(i,nb), v(i,t)) - 2*(r(nb)*P(nb,t) + x(nb)*Q(nb,t))
                         + (sqr(r(nb)) + sqr(x(nb)))*ell(nb,t);
current(nb,t).. sqr(P(nb,t)) + sqr(Q(nb,t)) =e= ell(nb,t)*sum(i$line(i,nb), v(i,t));
soc(bat,t)..  e(bat,t) =e= e(bat,t-1) + e0$(ord(t) = 1) - dt*bd(bat,t);
endsoc(bat).. sum(t$(ord(t) = card(t)), e(bat,t)) =g= e0;

Model lindist  / defcost, rootp, rootq, balp, balq, volt, soc, endsoc /;
Model distflow / all /;

Parameter rep(*,*) 'objectives and checks per solve';
Parameter resp(n,t), resq(n,t), resl(n,t), resv(n,t);

* 1. LinDistFlow: no losses.
ell.fx(nb,t) = 0;
v.l(nb,t) = 1;
Solve lindist using qcp minimizing cost;
rep('lindist','obj')    = cost.l;
rep('lindist','status') = lindist.modelStat;
rep('lindist','vmin')   = smin((nb,t), v.l(nb,t));

Parameter bdlin(n,t) 'battery schedule of lindist', glin(n,t) 'unit schedule of lindist';
bdlin(bat,t) = bd.l(bat,t);
glin(dg,t)   = g.l(dg,t);

* 2. DistFlow three times: from the lindist point (with currents consistent with its
*    flows), from a flat start, and with the lindist schedules fixed.
Set run / warm, flat, fixed /;
Parameter bdrun(run,n,t) 'battery schedule per run', pgrun(run,t) 'slack purchase per run';

ell.lo(nb,t) = 0;
ell.up(nb,t) = inf;
loop(run,
   if(sameas(run, 'warm'),
      ell.l(nb,t) = (sqr(P.l(nb,t)) + sqr(Q.l(nb,t)))/sum(i$line(i,nb), v.l(i,t));
   );
   if(sameas(run, 'flat'),
      P.l(nb,t) = 0;  Q.l(nb,t) = 0;  ell.l(nb,t) = 0;  v.l(nb,t) = 1;
      pg.l(t) = 0;  qg.l(t) = 0;  g.l(dg,t) = 0;  qdg.l(dg,t) = 0;
      bd.l(bat,t) = 0;  e.l(bat,t) = e0;
   );
   if(sameas(run, 'fixed'),
      bd.fx(bat,t) = bdlin(bat,t);
      g.fx(dg,t)   = glin(dg,t);
   );
   Solve distflow using nlp minimizing cost;
   rep(run,'obj')    = cost.l;
   rep(run,'status') = distflow.modelStat;
   resp(nb,t) = P.l(nb,t) - r(nb)*ell.l(nb,t) + g.l(nb,t)$dg(nb) + bd.l(nb,t)$bat(nb) - pd(nb,t)
                - sum(k$line(nb,k), P.l(k,t));
   resq(nb,t) = Q.l(nb,t) - x(nb)*ell.l(nb,t) + qdg.l(nb,t)$dg(nb) - qd(nb,t)
                - sum(k$line(nb,k), Q.l(k,t));
   resl(nb,t) = sqr(P.l(nb,t)) + sqr(Q.l(nb,t)) - ell.l(nb,t)*sum(i$line(i,nb), v.l(i,t));
   resv(nb,t) = v.l(nb,t) - sum(i$line(i,nb), v.l(i,t)) + 2*(r(nb)*P.l(nb,t) + x(nb)*Q.l(nb,t))
                - (sqr(r(nb)) + sqr(x(nb)))*ell.l(nb,t);
   rep(run,'maxbal')  = max(smax((nb,t), abs(resp(nb,t))), smax((nb,t), abs(resq(nb,t))),
                            smax(t, abs(pg.l(t) - sum(k$line('b0',k), P.l(k,t)))));
   rep(run,'maxcur')  = smax((nb,t), abs(resl(nb,t)));
   rep(run,'maxvolt') = smax((nb,t), abs(resv(nb,t)));
   rep(run,'losses')  = sum((nb,t), r(nb)*ell.l(nb,t));
   rep(run,'vmin')    = smin((nb,t), v.l(nb,t));
   rep(run,'vmax')    = smax((nb,t), v.l(nb,t));
   bdrun(run,bat,t)   = bd.l(bat,t);
   pgrun(run,t)       = pg.l(t);
);

display rep, bdrun, pgrun, bdlin, glin;
