$title Sensitivity of a two-product plan to machine hours (for loop over a scalar)
*  max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= cap, for cap = 18, 21, 30.
*  By hand: cap 18: x = 2, y = 6, 36 (the textbook Wyndor case); cap 21: x = 3, y = 6, 39;
*  in both the machine hour is worth 1 (3 per x over 3 hours). Cap 30: x = 4, y = 6 (the
*  other limits bind), 42, and machine hours are slack (m = 0).
*! solves 3
*! solve 1 status 1 objective 36
*! solve 2 status 1 objective 39
*! solve 3 status 1 objective 42
*! res(c18,obj) = 36
*! res(c18,dual) = 1
*! res(c21,x) = 3
*! res(c21,dual) = 1
*! res(c30,dual) = 0
*! res(c30,obj) = 42
Set c 'cases' / c18, c21, c30 /
    item 'reported figures' / obj, x, y, dual /;
Parameter res(c,item), capOf(c) 'machine hours' / c18 18, c21 21, c30 30 /;
Scalars cap, k;
Positive Variables x, y;
Variable z;
Equations plant1, plant2, plant3, defZ;
plant1.. x =l= 4;
plant2.. 2*y =l= 12;
plant3.. 3*x + 2*y =l= cap;
defZ..   z =e= 3*x + 5*y;
Model wyndor / all /;
for(k = 1 to 3,
   cap = sum(c$(ord(c) = k), capOf(c));
   solve wyndor using lp maximizing z;
   loop(c$(ord(c) = k),
      res(c,'obj')  = z.l;
      res(c,'x')    = x.l;
      res(c,'y')    = y.l;
      res(c,'dual') = plant3.m;
   );
);
display res;
