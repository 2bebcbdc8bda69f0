$title Uncapacitated lot sizing with set-up costs (Wagner-Whitin as a MIP)
*  Demand 40 60 30 80 20; set-up 100, unit cost 2, holding 1 per unit and period.
*  Verified with glpsol (same MIP in MathProg) and by hand: produce 130 in period 1 and 100
*  in period 4: set-ups 200 + production 460 + holding 90 + 30 + 20 = 800 (three set-ups in
*  1, 2, 4 cost 810; set-ups in 1 and 3 cost 840).
*! solve 1 status 1 objective 800
*! x.l(p1) = 130
*! x.l(p4) = 100
*! y.l(p2) = 0
*! s.l(p1) = 90
*! s.l(p4) = 20
*! setups = 2
Set t 'periods' / p1*p5 /;
Parameter d(t) / p1 40, p2 60, p3 30, p4 80, p5 20 /;
Scalars sc 'set-up cost' / 100 /, pc 'unit cost' / 2 /, h 'holding cost' / 1 /, bigM / 200 /, setups;
Positive Variables x(t) 'production', s(t) 'stock';
Binary Variable y(t) 'set-up';
Variable cost;
Equations bal(t), setup(t), defCost;
bal(t)..   s(t) =e= s(t-1) + x(t) - d(t);
setup(t).. x(t) =l= bigM*y(t);
defCost..  cost =e= sum(t, sc*y(t) + pc*x(t) + h*s(t));
Model lots / all /;
option optCr = 0;
solve lots using mip minimizing cost;
setups = sum(t, y.l(t));
display x.l, s.l, y.l, setups;
