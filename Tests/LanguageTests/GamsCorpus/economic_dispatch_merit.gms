$title Economic dispatch in merit order, checked by a loop over the cheapest unit
*  Demand 350 MW; nuclear 100 @ 8, coal 120 @ 25, CCGT 100 @ 40, OCGT 80 @ 90 EUR/MWh.
*  By hand: the first three run flat out (320 MW), the OCGT covers the last 30 MW and sets
*  the price 90 (demand.m); cost 800 + 3000 + 4000 + 2700 = 10500. The capacity rows have
*  marginals cost - price: -82, -65, -50 and 0 for the marginal unit.
*! solve 1 status 1 objective 10500
*! gen.l(ocgt) = 30
*! gen.l(coal) = 120
*! demand.m = 90
*! capLim.m(nuc) = -82
*! capLim.m(ccgt) = -50
*! capLim.m(ocgt) = 0
*! merit(ocgt) = 30
*! merit(nuc) = 100
*! rank(ccgt) = 3
*! price = 90
Set u 'units' / nuc, coal, ccgt, ocgt /;
Parameters cap(u)  'MW'      / nuc 100, coal 120, ccgt 100, ocgt 80 /
           mc(u)   'EUR/MWh' / nuc 8,   coal 25,  ccgt 40,  ocgt 90 /;
Scalar load 'MW' / 350 /;
Positive Variable gen(u);
Variable cost;
Equations demand, capLim(u), defCost;
demand..    sum(u, gen(u)) =e= load;
capLim(u).. gen(u) =l= cap(u);
defCost..   cost =e= sum(u, mc(u)*gen(u));
Model dispatch / all /;
solve dispatch using lp minimizing cost;

* the same dispatch by stacking units from the cheapest up
Set done(u) 'units already stacked';
Parameters merit(u) 'MW in merit order', rank(u) 'position in the merit order';
Scalars rest 'MW still to cover', cheapest, k / 0 /, price;
rest = load;
done(u) = no;
while(card(done) < card(u),
   cheapest = smin(u$(not done(u)), mc(u));
   loop(u$(not done(u) and mc(u) = cheapest),
      k = k + 1;
      rank(u) = k;
      merit(u) = min(cap(u), rest);
      rest = rest - merit(u);
      if(merit(u) > 0, price = mc(u));
      done(u) = yes;
   );
);
display gen.l, demand.m, capLim.m, merit, rank, price;
