$title Declarations first, data later (a declarations file, then data)
*  Two plants (300, 500) serve three markets (200 each); plant p2 costs twice as much per
*  unit: p1 ships 300, p2 ships 300, cost 300 + 600 = 900.
*! solve 1 status 1 objective 900
*! shipped(p1) = 300
*! shipped(p2) = 300
*! card x.l = 4
$include data/bare_declarations_decl.inc
$include data/bare_declarations_data.inc
supply(plant).. sum(mkt, x(plant,mkt)) =l= cap(plant);
demand(mkt)..   sum(plant, x(plant,mkt)) =g= dem(mkt);
cost..          z =e= sum((plant,mkt), ucost(plant)*x(plant,mkt));
Model ship / supply
             demand
             cost /;
solve ship use lp min z;
Parameter shipped(plant);
shipped(plant) = sum(mkt, x.l(plant,mkt));
display shipped, x.l;
