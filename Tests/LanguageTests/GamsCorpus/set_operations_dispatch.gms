$title Set algebra on a generation fleet (difference, union, intersection, complement)
*  Eight units; two are retired. Active units are the complement of the retired ones; the
*  fossil units still running are thermal * active. By hand: the active fleet (coal1, gas1,
*  gas2, wind1, solar1, hydro1) serves 500 MW: wind 80 + solar 60 + hydro 90 (5 EUR) +
*  coal1 200 (30) + gas1 70 (45) = 450 + 6000 + 3150 = 9600; price 45.
*! solve 1 status 1 objective 9600
*! gen.l(gas1) = 70
*! gen.l(coal1) = 200
*! bal.m = 45
*! nActive = 6
*! nFossil = 3
*! nClean = 3
*! card fossilActive = 3
*! card either = 7
Set u 'units' / coal1, coal2, gas1, gas2, wind1, solar1, hydro1, oil1 /
    thermal(u)  'fuel burning' / coal1, coal2, gas1, gas2, oil1 /
    renew(u)    'renewable'    / wind1, solar1, hydro1 /
    retired(u)  'closed'       / coal2, oil1 /
    active(u), fossilActive(u), clean(u), either(u);
Parameters cap(u) 'MW' / coal1 200, coal2 150, gas1 150, gas2 100, wind1 80, solar1 60, hydro1 90, oil1 50 /
           mc(u)  'EUR/MWh' / coal1 30, coal2 25, gas1 45, gas2 50, hydro1 5, oil1 90 /;
Scalars load / 500 /, nActive, nFossil, nClean;

active(u)       = not retired(u);
fossilActive(u) = thermal(u)*active(u);
clean(u)        = active(u) - thermal(u);
either(u)       = renew(u) + thermal(u) - retired(u) + fossilActive(u) + retired('coal2')$sameAs(u,'coal2');
nActive = card(active);
nFossil = card(fossilActive);
nClean  = sum(u$clean(u), 1);

Positive Variable gen(u);
Variable cost;
Equations bal, lim(u), defCost;
bal..                sum(active, gen(active)) =e= load;
lim(u)$active(u)..   gen(u) =l= cap(u);
defCost..            cost =e= sum(active(u), mc(u)*gen(u));
gen.fx(u)$retired(u) = 0;
Model fleet / all /;
solve fleet using lp minimizing cost;
display$(nFossil > 2) 'three or more fossil units still run', fossilActive;
display either, gen.l, bal.m, nActive, nFossil, nClean;
