$title DistFlow optimal power flow of a radial feeder with batteries over a day
$onText
Branch-flow model (DistFlow) of a radial distribution feeder, periods t, batteries b. Every line
(i,j) from parent bus i to child bus j carries the sending-end powers P(i,j,t), Q(i,j,t) and the
squared current ell(i,j,t); v(n,t) is the squared voltage magnitude. Per unit: S_base = 1 MVA,
V_base = 12.66 kV, so powers are MW/MVAr, energies MWh, the objective is in $.

   balance at bus j   sum_{i: (i,j)} (P(i,j) - r(i,j) ell(i,j)) + import at the substation
                      + discharge - charge  =  load(j) + sum_{k: (j,k)} P(j,k)     (same for Q, x)
   voltage drop       v(j) = v(i) - 2 (r P(i,j) + x Q(i,j)) + (r^2 + x^2) ell(i,j)
   branch             P(i,j)^2 + Q(i,j)^2 = v(i) ell(i,j)       (non-convex equality)
   state of charge    soc(b,t) = soc(b,t-1) + (effc ch(b,t) - dis(b,t)/effd) dt, soc(b,t0) = e0,
                      soc at the end of the day >= e0
   limits             0.95^2 <= v <= 1.05^2 (the substation too), 0 <= ch, dis <= pmax,
                      emin <= soc <= emax
   objective          min sum_t price(t) pg(t) dt + sum_{b,t} degc(b) (ch + dis) dt

Plain GAMS: runs unchanged under "gams distflow.gms --data=data-200.inc".
Switches (all optional):
  --data=FILE    data include written by generate.py (default data-33.inc). It declares, with
                 data: sets n, t, b, root(n), br(n,n), at(b,n); parameters r(n,n), x(n,n),
                 pd(n,t), qd(n,t), price(t), pmax(b), emax(b), emin(b), e0(b), effc(b), effd(b),
                 degc(b); scalar dt.
  --start=KIND   starting point (default flat): flat = v 1, everything else 0; zero = nothing set
                 (all levels 0, so v starts at its lower bound 0.95^2); pf = the load flow without
                 batteries from the start include (below)
  --startdata=FILE  the start include for --start=pf (default: set by the data include, the
                 start-SIZE.inc written next to it)
  --ell=free     declare ell free instead of >= 0 (the branch equation already gives
                 ell = (P^2 + Q^2)/v >= 0); default positive
  --opt=1        read Ipopt options from ipopt.opt next to this file (distflow.optFile = 1);
                 default 0, no options file
  --nosolve=1    declare the model and stop before the solve (benchmarks/parallel/distflow.gms
                 includes this file and solves its scenarios itself)
$offText

$if not set data  $set data  data-33.inc
$if not set start $set start flat
$if not set opt   $set opt   0
$if not set ell   $set ell   positive

$include %data%
$if not set startdata $set startdata start.inc

Alias (n,i,j,k);

Variables
   cost        'import cost plus battery degradation ($)'
   P(n,n,t)    'active power sent from bus i into line (i,j) (MW)'
   Q(n,n,t)    'reactive power sent from bus i into line (i,j) (MVAr)'
   pg(t)       'active power imported at the substation (MW)'
   qg(t)       'reactive power imported at the substation (MVAr)';

Positive Variables
   ell(n,n,t)  'squared current magnitude of line (i,j) (p.u.)'
   v(n,t)      'squared voltage magnitude (p.u.)'
   ch(b,t)     'battery charging power (MW)'
   dis(b,t)    'battery discharging power (MW)'
   soc(b,t)    'battery state of charge at the end of period t (MWh)';

Equations
   obj          'import cost plus degradation'
   pbal(n,t)    'active power balance of bus n'
   qbal(n,t)    'reactive power balance of bus n'
   vdrop(n,n,t) 'voltage drop along line (i,j)'
   branch(n,n,t) 'power, voltage and current of line (i,j)'
   socdef(b,t)  'state of charge'
   socend(b)    'state of charge at the end of the day';

obj..   cost =e= sum(t, price(t)*pg(t)*dt) + sum((b,t), degc(b)*(ch(b,t) + dis(b,t))*dt);

pbal(n,t)..  pg(t)$root(n) + sum(i$br(i,n), P(i,n,t) - r(i,n)*ell(i,n,t))
             + sum(b$at(b,n), dis(b,t) - ch(b,t))
             =e= pd(n,t) + sum(k$br(n,k), P(n,k,t));

qbal(n,t)..  qg(t)$root(n) + sum(i$br(i,n), Q(i,n,t) - x(i,n)*ell(i,n,t))
             =e= qd(n,t) + sum(k$br(n,k), Q(n,k,t));

vdrop(i,j,t)$br(i,j)..
   v(j,t) =e= v(i,t) - 2*(r(i,j)*P(i,j,t) + x(i,j)*Q(i,j,t))
              + (sqr(r(i,j)) + sqr(x(i,j)))*ell(i,j,t);

branch(i,j,t)$br(i,j)..
   sqr(P(i,j,t)) + sqr(Q(i,j,t)) =e= v(i,t)*ell(i,j,t);

socdef(b,t)..
   soc(b,t) =e= e0(b)$(ord(t) = 1) + soc(b,t-1) + (effc(b)*ch(b,t) - dis(b,t)/effd(b))*dt;

socend(b)..  sum(t$(ord(t) = card(t)), soc(b,t)) =g= e0(b);

v.lo(n,t)   = sqr(0.95);
v.up(n,t)   = sqr(1.05);
ch.up(b,t)  = pmax(b);
dis.up(b,t) = pmax(b);
soc.lo(b,t) = emin(b);
soc.up(b,t) = emax(b);
* --ell=free drops the bound ell >= 0, which the branch equation implies (v > 0)
$if %ell% == free  ell.lo(i,j,t)$br(i,j) = -inf;

* starting point (--start): flat, zero or pf
$if %start% == flat  v.l(n,t) = 1;
$if %start% == pf    $include %startdata%
$if %start% == pf    P.l(i,j,t) = P0(i,j,t); Q.l(i,j,t) = Q0(i,j,t); ell.l(i,j,t) = l0(i,j,t);
$if %start% == pf    v.l(n,t) = v0(n,t); pg.l(t) = pg0(t); qg.l(t) = qg0(t);

Model distflow / all /;
distflow.optFile = %opt%;

* the solve summary stays on: run.sh reads its timings (solPrint = off would hide it)
option limRow = 0, limCol = 0;

$ifThen not set nosolve
solve distflow using nlp minimizing cost;

Parameter report(*) 'summary';
report('import MWh')  = sum(t, pg.l(t)*dt);
report('losses MWh')  = sum((i,j,t)$br(i,j), r(i,j)*ell.l(i,j,t)*dt);
report('min voltage') = smin((n,t), sqrt(v.l(n,t)));
report('max voltage') = smax((n,t), sqrt(v.l(n,t)));
report('min ell')     = smin((i,j,t)$br(i,j), ell.l(i,j,t));
report('max ell')     = smax((i,j,t)$br(i,j), ell.l(i,j,t));
report('branch gap')  = smax((i,j,t)$br(i,j), abs(sqr(P.l(i,j,t)) + sqr(Q.l(i,j,t)) - v.l(i,t)*ell.l(i,j,t)));
display cost.l, report;
$endIf
