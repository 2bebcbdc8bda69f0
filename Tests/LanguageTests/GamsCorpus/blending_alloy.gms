$title Blending 100 t of steel from scrap, ore and two alloys (grade bounds)
*  Carbon between 3% and 4.5%, chrome between 10% and 18%. Verified with glpsol (same LP in
*  MathProg): cost 3708; all 60 t of scrap, ore 4, alloy A 10.4, alloy B 25.6; the lower
*  grade limits bind: carbon 95 and chrome 165 per t of content, the batch size 29.55 per t.
*! solve 1 status 1 objective 3708
*! x.l(scrap) = 60
*! x.l(ore) = 4
*! x.l(alloyA) = 10.4
*! x.l(alloyB) = 25.6
*! gradeLo.m(carbon) = 95
*! gradeLo.m(chrome) = 165
*! batch.m = 29.55
*! content(chrome) = 10
Sets r 'raw materials' / scrap, ore, alloyA, alloyB /
     el 'elements' / carbon, chrome /;
Table comp(r,el) 'share of an element in a material'
              carbon   chrome
   scrap       0.02     0.05
   ore         0.04     0.01
   alloyA      0.01     0.30
   alloyB      0.06     0.15 ;
Table spec(el,*) 'grade limits'
              lo       hi
   carbon    0.03     0.045
   chrome    0.10     0.18 ;
Parameters price(r) 'per t' / scrap 20, ore 35, alloyA 80, alloyB 60 /
           avail(r) 't'     / scrap 60, ore 100, alloyA 100, alloyB 100 /
           content(el) 't of element in the batch';
Scalar size 't' / 100 /;
Positive Variable x(r);
Variable cost;
Equations batch, gradeLo(el), gradeHi(el), defCost;
batch..       sum(r, x(r)) =e= size;
gradeLo(el).. sum(r, comp(r,el)*x(r)) =g= spec(el,'lo')*size;
gradeHi(el).. sum(r, comp(r,el)*x(r)) =l= spec(el,'hi')*size;
defCost..     cost =e= sum(r, price(r)*x(r));
x.up(r) = avail(r);
Model blend / all /;
solve blend using lp minimizing cost;
content(el) = sum(r, comp(r,el)*x.l(r));
display x.l, gradeLo.m, batch.m, content;
