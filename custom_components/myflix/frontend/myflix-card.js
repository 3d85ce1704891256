var j=globalThis,K=j.ShadowRoot&&(j.ShadyCSS===void 0||j.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,ge=Symbol(),He=new WeakMap,I=class{constructor(e,t,r){if(this._$cssResult$=!0,r!==ge)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(K&&e===void 0){let r=t!==void 0&&t.length===1;r&&(e=He.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),r&&He.set(t,e))}return e}toString(){return this.cssText}},H=n=>new I(typeof n=="string"?n:n+"",void 0,ge),_e=(n,...e)=>{let t=n.length===1?n[0]:e.reduce((r,i,o)=>r+(s=>{if(s._$cssResult$===!0)return s.cssText;if(typeof s=="number")return s;throw Error("Value passed to 'css' function must be a 'css' function result: "+s+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+n[o+1],n[0]);return new I(t,n,ge)},Oe=(n,e)=>{if(K)n.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let r=document.createElement("style"),i=j.litNonce;i!==void 0&&r.setAttribute("nonce",i),r.textContent=t.cssText,n.appendChild(r)}},ye=K?n=>n:n=>n instanceof CSSStyleSheet?(e=>{let t="";for(let r of e.cssRules)t+=r.cssText;return H(t)})(n):n;var{is:Zt,defineProperty:Qt,getOwnPropertyDescriptor:Wt,getOwnPropertyNames:jt,getOwnPropertySymbols:Kt,getPrototypeOf:Yt}=Object,Y=globalThis,Ue=Y.trustedTypes,Gt=Ue?Ue.emptyScript:"",Jt=Y.reactiveElementPolyfillSupport,O=(n,e)=>n,ve={toAttribute(n,e){switch(e){case Boolean:n=n?Gt:null;break;case Object:case Array:n=n==null?n:JSON.stringify(n)}return n},fromAttribute(n,e){let t=n;switch(e){case Boolean:t=n!==null;break;case Number:t=n===null?null:Number(n);break;case Object:case Array:try{t=JSON.parse(n)}catch{t=null}}return t}},Fe=(n,e)=>!Zt(n,e),Ve={attribute:!0,type:String,converter:ve,reflect:!1,useDefault:!1,hasChanged:Fe};Symbol.metadata??=Symbol("metadata"),Y.litPropertyMetadata??=new WeakMap;var $=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=Ve){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let r=Symbol(),i=this.getPropertyDescriptor(e,r,t);i!==void 0&&Qt(this.prototype,e,i)}}static getPropertyDescriptor(e,t,r){let{get:i,set:o}=Wt(this.prototype,e)??{get(){return this[t]},set(s){this[t]=s}};return{get:i,set(s){let l=i?.call(this);o?.call(this,s),this.requestUpdate(e,l,r)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??Ve}static _$Ei(){if(this.hasOwnProperty(O("elementProperties")))return;let e=Yt(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(O("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(O("properties"))){let t=this.properties,r=[...jt(t),...Kt(t)];for(let i of r)this.createProperty(i,t[i])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[r,i]of t)this.elementProperties.set(r,i)}this._$Eh=new Map;for(let[t,r]of this.elementProperties){let i=this._$Eu(t,r);i!==void 0&&this._$Eh.set(i,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let r=new Set(e.flat(1/0).reverse());for(let i of r)t.unshift(ye(i))}else e!==void 0&&t.push(ye(e));return t}static _$Eu(e,t){let r=t.attribute;return r===!1?void 0:typeof r=="string"?r:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let r of t.keys())this.hasOwnProperty(r)&&(e.set(r,this[r]),delete this[r]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Oe(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,r){this._$AK(e,r)}_$ET(e,t){let r=this.constructor.elementProperties.get(e),i=this.constructor._$Eu(e,r);if(i!==void 0&&r.reflect===!0){let o=(r.converter?.toAttribute!==void 0?r.converter:ve).toAttribute(t,r.type);this._$Em=e,o==null?this.removeAttribute(i):this.setAttribute(i,o),this._$Em=null}}_$AK(e,t){let r=this.constructor,i=r._$Eh.get(e);if(i!==void 0&&this._$Em!==i){let o=r.getPropertyOptions(i),s=typeof o.converter=="function"?{fromAttribute:o.converter}:o.converter?.fromAttribute!==void 0?o.converter:ve;this._$Em=i;let l=s.fromAttribute(t,o.type);this[i]=l??this._$Ej?.get(i)??l,this._$Em=null}}requestUpdate(e,t,r,i=!1,o){if(e!==void 0){let s=this.constructor;if(i===!1&&(o=this[e]),r??=s.getPropertyOptions(e),!((r.hasChanged??Fe)(o,t)||r.useDefault&&r.reflect&&o===this._$Ej?.get(e)&&!this.hasAttribute(s._$Eu(e,r))))return;this.C(e,t,r)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:r,reflect:i,wrapped:o},s){r&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,s??t??this[e]),o!==!0||s!==void 0)||(this._$AL.has(e)||(this.hasUpdated||r||(t=void 0),this._$AL.set(e,t)),i===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[i,o]of this._$Ep)this[i]=o;this._$Ep=void 0}let r=this.constructor.elementProperties;if(r.size>0)for(let[i,o]of r){let{wrapped:s}=o,l=this[i];s!==!0||this._$AL.has(i)||l===void 0||this.C(i,void 0,o,l)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(r=>r.hostUpdate?.()),this.update(t)):this._$EM()}catch(r){throw e=!1,this._$EM(),r}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};$.elementStyles=[],$.shadowRootOptions={mode:"open"},$[O("elementProperties")]=new Map,$[O("finalized")]=new Map,Jt?.({ReactiveElement:$}),(Y.reactiveElementVersions??=[]).push("2.1.2");var $e=globalThis,ze=n=>n,G=$e.trustedTypes,Be=G?G.createPolicy("lit-html",{createHTML:n=>n}):void 0,we="$lit$",w=`lit$${Math.random().toFixed(9).slice(2)}$`,xe="?"+w,Xt=`<${xe}>`,R=document,V=()=>R.createComment(""),F=n=>n===null||typeof n!="object"&&typeof n!="function",Ae=Array.isArray,Ye=n=>Ae(n)||typeof n?.[Symbol.iterator]=="function",be=`[ 	
\f\r]`,U=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Ze=/-->/g,Qe=/>/g,k=RegExp(`>|${be}(?:([^\\s"'>=/]+)(${be}*=${be}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),We=/'/g,je=/"/g,Ge=/^(?:script|style|textarea|title)$/i,Se=n=>(e,...t)=>({_$litType$:n,strings:e,values:t}),u=Se(1),Hn=Se(2),On=Se(3),y=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),Ke=new WeakMap,C=R.createTreeWalker(R,129);function Je(n,e){if(!Ae(n)||!n.hasOwnProperty("raw"))throw Error("invalid template strings array");return Be!==void 0?Be.createHTML(e):e}var Xe=(n,e)=>{let t=n.length-1,r=[],i,o=e===2?"<svg>":e===3?"<math>":"",s=U;for(let l=0;l<t;l++){let a=n[l],h,g,c=-1,f=0;for(;f<a.length&&(s.lastIndex=f,g=s.exec(a),g!==null);)f=s.lastIndex,s===U?g[1]==="!--"?s=Ze:g[1]!==void 0?s=Qe:g[2]!==void 0?(Ge.test(g[2])&&(i=RegExp("</"+g[2],"g")),s=k):g[3]!==void 0&&(s=k):s===k?g[0]===">"?(s=i??U,c=-1):g[1]===void 0?c=-2:(c=s.lastIndex-g[2].length,h=g[1],s=g[3]===void 0?k:g[3]==='"'?je:We):s===je||s===We?s=k:s===Ze||s===Qe?s=U:(s=k,i=void 0);let p=s===k&&n[l+1].startsWith("/>")?" ":"";o+=s===U?a+Xt:c>=0?(r.push(h),a.slice(0,c)+we+a.slice(c)+w+p):a+w+(c===-2?l:p)}return[Je(n,o+(n[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),r]},z=class n{constructor({strings:e,_$litType$:t},r){let i;this.parts=[];let o=0,s=0,l=e.length-1,a=this.parts,[h,g]=Xe(e,t);if(this.el=n.createElement(h,r),C.currentNode=this.el.content,t===2||t===3){let c=this.el.content.firstChild;c.replaceWith(...c.childNodes)}for(;(i=C.nextNode())!==null&&a.length<l;){if(i.nodeType===1){if(i.hasAttributes())for(let c of i.getAttributeNames())if(c.endsWith(we)){let f=g[s++],p=i.getAttribute(c).split(w),_=/([.?@])?(.*)/.exec(f);a.push({type:1,index:o,name:_[2],strings:p,ctor:_[1]==="."?X:_[1]==="?"?ee:_[1]==="@"?te:E}),i.removeAttribute(c)}else c.startsWith(w)&&(a.push({type:6,index:o}),i.removeAttribute(c));if(Ge.test(i.tagName)){let c=i.textContent.split(w),f=c.length-1;if(f>0){i.textContent=G?G.emptyScript:"";for(let p=0;p<f;p++)i.append(c[p],V()),C.nextNode(),a.push({type:2,index:++o});i.append(c[f],V())}}}else if(i.nodeType===8)if(i.data===xe)a.push({type:2,index:o});else{let c=-1;for(;(c=i.data.indexOf(w,c+1))!==-1;)a.push({type:7,index:o}),c+=w.length-1}o++}}static createElement(e,t){let r=R.createElement("template");return r.innerHTML=e,r}};function T(n,e,t=n,r){if(e===y)return e;let i=r!==void 0?t._$Co?.[r]:t._$Cl,o=F(e)?void 0:e._$litDirective$;return i?.constructor!==o&&(i?._$AO?.(!1),o===void 0?i=void 0:(i=new o(n),i._$AT(n,t,r)),r!==void 0?(t._$Co??=[])[r]=i:t._$Cl=i),i!==void 0&&(e=T(n,i._$AS(n,e.values),i,r)),e}var J=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:r}=this._$AD,i=(e?.creationScope??R).importNode(t,!0);C.currentNode=i;let o=C.nextNode(),s=0,l=0,a=r[0];for(;a!==void 0;){if(s===a.index){let h;a.type===2?h=new M(o,o.nextSibling,this,e):a.type===1?h=new a.ctor(o,a.name,a.strings,this,e):a.type===6&&(h=new ne(o,this,e)),this._$AV.push(h),a=r[++l]}s!==a?.index&&(o=C.nextNode(),s++)}return C.currentNode=R,i}p(e){let t=0;for(let r of this._$AV)r!==void 0&&(r.strings!==void 0?(r._$AI(e,r,t),t+=r.strings.length-2):r._$AI(e[t])),t++}},M=class n{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,r,i){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=r,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=T(this,e,t),F(e)?e===d||e==null||e===""?(this._$AH!==d&&this._$AR(),this._$AH=d):e!==this._$AH&&e!==y&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):Ye(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==d&&F(this._$AH)?this._$AA.nextSibling.data=e:this.T(R.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:r}=e,i=typeof r=="number"?this._$AC(e):(r.el===void 0&&(r.el=z.createElement(Je(r.h,r.h[0]),this.options)),r);if(this._$AH?._$AD===i)this._$AH.p(t);else{let o=new J(i,this),s=o.u(this.options);o.p(t),this.T(s),this._$AH=o}}_$AC(e){let t=Ke.get(e.strings);return t===void 0&&Ke.set(e.strings,t=new z(e)),t}k(e){Ae(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,r,i=0;for(let o of e)i===t.length?t.push(r=new n(this.O(V()),this.O(V()),this,this.options)):r=t[i],r._$AI(o),i++;i<t.length&&(this._$AR(r&&r._$AB.nextSibling,i),t.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let r=ze(e).nextSibling;ze(e).remove(),e=r}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},E=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,r,i,o){this.type=1,this._$AH=d,this._$AN=void 0,this.element=e,this.name=t,this._$AM=i,this.options=o,r.length>2||r[0]!==""||r[1]!==""?(this._$AH=Array(r.length-1).fill(new String),this.strings=r):this._$AH=d}_$AI(e,t=this,r,i){let o=this.strings,s=!1;if(o===void 0)e=T(this,e,t,0),s=!F(e)||e!==this._$AH&&e!==y,s&&(this._$AH=e);else{let l=e,a,h;for(e=o[0],a=0;a<o.length-1;a++)h=T(this,l[r+a],t,a),h===y&&(h=this._$AH[a]),s||=!F(h)||h!==this._$AH[a],h===d?e=d:e!==d&&(e+=(h??"")+o[a+1]),this._$AH[a]=h}s&&!i&&this.j(e)}j(e){e===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},X=class extends E{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===d?void 0:e}},ee=class extends E{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==d)}},te=class extends E{constructor(e,t,r,i,o){super(e,t,r,i,o),this.type=5}_$AI(e,t=this){if((e=T(this,e,t,0)??d)===y)return;let r=this._$AH,i=e===d&&r!==d||e.capture!==r.capture||e.once!==r.once||e.passive!==r.passive,o=e!==d&&(r===d||i);i&&this.element.removeEventListener(this.name,this,r),o&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},ne=class{constructor(e,t,r){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=r}get _$AU(){return this._$AM._$AU}_$AI(e){T(this,e)}},et={M:we,P:w,A:xe,C:1,L:Xe,R:J,D:Ye,V:T,I:M,H:E,N:ee,U:te,B:X,F:ne},en=$e.litHtmlPolyfillSupport;en?.(z,M),($e.litHtmlVersions??=[]).push("3.3.3");var re=(n,e,t)=>{let r=t?.renderBefore??e,i=r._$litPart$;if(i===void 0){let o=t?.renderBefore??null;r._$litPart$=i=new M(e.insertBefore(V(),o),o,void 0,t??{})}return i._$AI(n),i};var ke=globalThis,v=class extends ${constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=re(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return y}};v._$litElement$=!0,v.finalized=!0,ke.litElementHydrateSupport?.({LitElement:v});var tn=ke.litElementPolyfillSupport;tn?.({LitElement:v});(ke.litElementVersions??=[]).push("4.2.2");var ie={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},P=n=>(...e)=>({_$litDirective$:n,values:e}),x=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,r){this._$Ct=e,this._$AM=t,this._$Ci=r}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}};var nn={},B=P(class extends x{constructor(){super(...arguments),this.ot=nn}render(n,e){return e()}update(n,[e,t]){if(Array.isArray(e)){if(Array.isArray(this.ot)&&this.ot.length===e.length&&e.every((r,i)=>r===this.ot[i]))return y}else if(this.ot===e)return y;return this.ot=Array.isArray(e)?Array.from(e):e,this.render(e,t)}});var Ce={title:"",days:7,queue:!0,upcoming:!0,vpn:!0,storage:!0,max_rows:0},rn=["queue","upcoming","vpn","storage"];function nt(){return{days:7,queue:!0,upcoming:!0,vpn:!0,storage:!0}}var A=class extends Error{constructor(){super(...arguments);this.name="ConfigError"}};function tt(n,e,t){if(typeof n!="number"||!Number.isFinite(n))throw new A(`myflix-card: '${e}' must be ${t}, got ${JSON.stringify(n)}`);return n}function rt(n){if(n===null||typeof n!="object"||Array.isArray(n))throw new A("myflix-card: the config must be a mapping");let e=n,t={type:typeof e.type=="string"?e.type:"custom:myflix-card",entry_id:void 0,...Ce};if(e.title!=null){if(typeof e.title!="string")throw new A(`myflix-card: 'title' must be text, got ${JSON.stringify(e.title)}`);t.title=e.title}if(e.entry_id!=null&&e.entry_id!==""){if(typeof e.entry_id!="string")throw new A(`myflix-card: 'entry_id' must be a config entry id, got ${JSON.stringify(e.entry_id)}`);t.entry_id=e.entry_id}if(e.days!=null){let r=Math.round(tt(e.days,"days","a number from 1 to 30"));t.days=Math.min(30,Math.max(1,r))}for(let r of rn){let i=e[r];if(i!=null){if(typeof i!="boolean")throw new A(`myflix-card: '${r}' must be true or false, got ${JSON.stringify(i)}`);t[r]=i}}if(e.max_rows!=null){let r=tt(e.max_rows,"max_rows","a whole number, 0 for all rows");if(r<0)throw new A(`myflix-card: 'max_rows' must be 0 or more, got ${r}`);t.max_rows=Math.floor(r)}return t}function it(n){let e={type:"myflix/media/subscribe",days:n.days};return n.entry_id&&(e.entry_id=n.entry_id),e}var oe=class{constructor(e=40,t=80){this.first=e;this.step=t;this._limit=40;this._limit=e}get limit(){return this._limit}reset(){this._limit=this.first}needsMore(e){return this._limit>=e?(this._limit=Number.POSITIVE_INFINITY,!1):!0}grow(){this._limit+=this.step}};var on={queue:"Queue",upcoming:"Coming up",vpn:"VPN",storage:"Storage",loading:"Loading…",subscribe_failed:"Myflix is unavailable: {message}",call_failed:"Failed: {message}",nothing_downloading:"Nothing downloading",nothing_upcoming:"Nothing in the next {days} days",nothing_upcoming_one:"Nothing in the next day",more_rows:"+ {count} more",pause:"Pause",resume:"Resume",remove:"Remove",cancel:"Cancel",confirm_remove:"Remove {title} and its files?",left:"{time} left",today:"Today",tomorrow:"Tomorrow",in_library:"In library",downloaded:"Downloaded",killswitch:"Killswitch",exit_country:"Exit country",connectable:"Connectable",yes:"Yes",no:"No",unknown:"Unknown",last_halt:"Last halt",never:"Never",latency:"{ms} ms",no_vpn:"No VPN data",hot_disk:"Hot disk",archive_disk:"Archive disk",disk_usage:"{used} of {total} ({percent})",disk_free:"{free} free",next_move:"Next move:",next_move_size:"{files} files, {bytes}",next_move_size_one:"1 file, {bytes}",next_move_at:"at {when}",next_move_when_full:"when the hot disk fills",nothing_to_move:"Nothing to move",not_planned:"not planned yet",next_look_at:"next look {when}",no_storage:"No storage data",state_downloading:"Downloading",state_stalled:"Stalled",state_metadata:"Fetching metadata",state_queued:"Queued",state_checking:"Checking",state_stopped:"Stopped",state_halted:"Halted by the killswitch",state_struck:"Struck by self-healing ({strikes} of {limit})",state_struck_unlimited:"Struck by self-healing ({strikes})",state_error:"Error",state_missing_files:"Files missing",state_moving:"Moving",state_importing:"Importing",state_seeding:"Seeding",state_unknown:"Unknown",release_cinema:"In cinemas",release_digital:"Digital",release_physical:"Physical",killswitch_armed:"Armed",killswitch_tripped:"Tripped: downloads halted",killswitch_fail_closed:"Failed closed: downloads halted",killswitch_disarmed:"Disarmed",connectability_connectable:"Port forwarded and open",connectability_not_listening:"qBittorrent is not listening on the port",connectability_provider_unknown:"VPN provider unknown",connectability_provider_cannot_forward:"The VPN provider cannot forward a port",connectability_forwarding_off:"Port forwarding is off",connectability_no_forwarded_port:"No port forwarded yet",connectability_port_not_applied:"Forwarded port not applied to qBittorrent",connectability_firewalled:"Firewalled",editor_title:"Title",editor_entry_id:"Myflix entry",editor_days:"Days ahead (1 to 30)",editor_queue:"Show the queue",editor_upcoming:"Show what's coming up",editor_vpn:"Show the VPN",editor_storage:"Show the storage",editor_max_rows:"Queue rows at most (0: all)",card_description:"Downloads, releases to come, the VPN and storage of Myflix, live."},sn={queue:"File d'attente",upcoming:"À venir",vpn:"VPN",storage:"Stockage",loading:"Chargement…",subscribe_failed:"Myflix est indisponible : {message}",call_failed:"Échec : {message}",nothing_downloading:"Aucun téléchargement",nothing_upcoming:"Rien dans les {days} prochains jours",nothing_upcoming_one:"Rien d'ici demain",more_rows:"+ {count} de plus",pause:"Pause",resume:"Reprendre",remove:"Supprimer",cancel:"Annuler",confirm_remove:"Supprimer {title} et ses fichiers ?",left:"encore {time}",today:"Aujourd'hui",tomorrow:"Demain",in_library:"Dans la bibliothèque",downloaded:"Téléchargé",killswitch:"Coupe-circuit",exit_country:"Pays de sortie",connectable:"Joignable",yes:"Oui",no:"Non",unknown:"Inconnu",last_halt:"Dernier arrêt",never:"Jamais",latency:"{ms} ms",no_vpn:"Aucune donnée VPN",hot_disk:"Disque rapide",archive_disk:"Disque d'archive",disk_usage:"{used} sur {total} ({percent})",disk_free:"{free} libres",next_move:"Prochain déplacement :",next_move_size:"{files} fichiers, {bytes}",next_move_size_one:"1 fichier, {bytes}",next_move_at:"le {when}",next_move_when_full:"quand le disque rapide sera plein",nothing_to_move:"Rien à déplacer",not_planned:"pas encore planifié",next_look_at:"prochain examen {when}",no_storage:"Aucune donnée de stockage",state_downloading:"Téléchargement",state_stalled:"Bloqué",state_metadata:"Récupération des métadonnées",state_queued:"En attente",state_checking:"Vérification",state_stopped:"Arrêté",state_halted:"Arrêté par le coupe-circuit",state_struck:"Sanctionné par l'autoréparation ({strikes} sur {limit})",state_struck_unlimited:"Sanctionné par l'autoréparation ({strikes})",state_error:"Erreur",state_missing_files:"Fichiers manquants",state_moving:"Déplacement",state_importing:"Importation",state_seeding:"Partage",state_unknown:"Inconnu",release_cinema:"Au cinéma",release_digital:"Numérique",release_physical:"Physique",killswitch_armed:"Armé",killswitch_tripped:"Déclenché : téléchargements arrêtés",killswitch_fail_closed:"Fermé par sécurité : téléchargements arrêtés",killswitch_disarmed:"Désarmé",connectability_connectable:"Port redirigé et ouvert",connectability_not_listening:"qBittorrent n'écoute pas sur le port",connectability_provider_unknown:"Fournisseur VPN inconnu",connectability_provider_cannot_forward:"Le fournisseur VPN ne peut pas rediriger de port",connectability_forwarding_off:"La redirection de port est désactivée",connectability_no_forwarded_port:"Aucun port redirigé pour l'instant",connectability_port_not_applied:"Port redirigé non appliqué à qBittorrent",connectability_firewalled:"Derrière un pare-feu",editor_title:"Titre",editor_entry_id:"Entrée Myflix",editor_days:"Jours à venir (1 à 30)",editor_queue:"Afficher la file d'attente",editor_upcoming:"Afficher ce qui arrive",editor_vpn:"Afficher le VPN",editor_storage:"Afficher le stockage",editor_max_rows:"Lignes de la file au plus (0 : toutes)",card_description:"Téléchargements, sorties à venir, VPN et stockage de Myflix, en direct."},se={en:on,fr:sn};function L(n){return typeof n=="string"&&n.toLowerCase().startsWith("fr")?"fr":"en"}var ot=new Map;function m(n){let e=ot.get(n);if(!e){let t=se[n];e=(r,i)=>t[r].replace(/\{(\w+)\}/g,(o,s)=>i&&s in i?String(i[s]):o),ot.set(n,e)}return e}function ae(n,e,t,r){let i=`${t}_${r}`;return i in se[e]?n(i):r}function st(n,e){let t=m(e);return n.state==="struck"?n.strike_limit==null?t("state_struck_unlimited",{strikes:n.strikes}):t("state_struck",{strikes:n.strikes,limit:n.strike_limit}):ae(t,e,"state",n.state)}function at(n,e){return n?ae(m(e),e,"release",n):""}function lt(n,e){return n?ae(m(e),e,"killswitch",n):m(e)("unknown")}function Re(n,e){return n?ae(m(e),e,"connectability",n):m(e)("unknown")}var ct=new Map;function dt(n){let e=ct.get(n);return e||(e=new Intl.DateTimeFormat("en-US",{timeZone:n,year:"numeric",month:"2-digit",day:"2-digit",hour:"2-digit",minute:"2-digit",hourCycle:"h23"}),ct.set(n,e)),e}function an(n){if(typeof n!="string"||n==="")return!1;try{return dt(n),!0}catch{return!1}}function Te(){return Intl.DateTimeFormat().resolvedOptions().timeZone||"UTC"}function ut(n,e){return n==="server"&&an(e)?e:Te()}function pt(n,e){let t={};for(let r of dt(e).formatToParts(new Date(n)))t[r.type]=r.value;return`${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}`}function Ee(n,e){return pt(n,e).slice(0,10)}function ht(n,e){let[t,r,i]=n.split("-").map(Number);return new Date(Date.UTC(t,r-1,i+e)).toISOString().slice(0,10)}function ln(n,e){return n.at?Ee(n.at,e):n.date}function mt(n,e){return n.at?pt(n.at,e):`${n.date}T00:00`}function ft(n,e){let t=[];for(let r of n){let i=ln(r,e),o=t[t.length-1];o&&o.day===i?o.releases.push(r):t.push({day:i,releases:[r]})}return t}function cn(n){if(n)try{if(Intl.DateTimeFormat.supportedLocalesOf([n]).length)return n}catch{}return"en"}function dn(n){if(n==="12")return!0;if(n==="24")return!1;if(n==="system")return new Intl.DateTimeFormat(void 0,{hour:"numeric"}).resolvedOptions().hour12}function gt(n){let e=n.locale?.language??n.language;return{lang:L(e),tag:cn(e),hour12:dn(n.locale?.time_format),timeZone:ut(n.locale?.time_zone,n.config?.time_zone)}}function _t(n,e){return n!==void 0&&n.lang===e.lang&&n.tag===e.tag&&n.hour12===e.hour12&&n.timeZone===e.timeZone}function le(n){return n&&typeof n=="object"&&"message"in n?String(n.message):String(n)}function yt(n){return n instanceof HTMLImageElement&&n.classList.contains("poster")}function vt(n){n.addEventListener("error",e=>{yt(e.target)&&(e.target.hidden=!0)},!0),n.addEventListener("load",e=>{yt(e.target)&&(e.target.hidden=!1)},!0)}var{I:un}=et,bt=n=>n;var $t=()=>document.createComment(""),q=(n,e,t)=>{let r=n._$AA.parentNode,i=e===void 0?n._$AB:e._$AA;if(t===void 0){let o=r.insertBefore($t(),i),s=r.insertBefore($t(),i);t=new un(o,s,n,n.options)}else{let o=t._$AB.nextSibling,s=t._$AM,l=s!==n;if(l){let a;t._$AQ?.(n),t._$AM=n,t._$AP!==void 0&&(a=n._$AU)!==s._$AU&&t._$AP(a)}if(o!==i||l){let a=t._$AA;for(;a!==o;){let h=bt(a).nextSibling;bt(r).insertBefore(a,i),a=h}}}return t},S=(n,e,t=n)=>(n._$AI(e,t),n),pn={},wt=(n,e=pn)=>n._$AH=e,xt=n=>n._$AH,ce=n=>{n._$AR(),n._$AA.remove()};var At=(n,e,t)=>{let r=new Map;for(let i=e;i<=t;i++)r.set(n[i],i);return r},St=P(class extends x{constructor(n){if(super(n),n.type!==ie.CHILD)throw Error("repeat() can only be used in text expressions")}dt(n,e,t){let r;t===void 0?t=e:e!==void 0&&(r=e);let i=[],o=[],s=0;for(let l of n)i[s]=r?r(l,s):s,o[s]=t(l,s),s++;return{values:o,keys:i}}render(n,e,t){return this.dt(n,e,t).values}update(n,[e,t,r]){let i=xt(n),{values:o,keys:s}=this.dt(e,t,r);if(!Array.isArray(i))return this.ut=s,o;let l=this.ut??=[],a=[],h,g,c=0,f=i.length-1,p=0,_=o.length-1;for(;c<=f&&p<=_;)if(i[c]===null)c++;else if(i[f]===null)f--;else if(l[c]===s[p])a[p]=S(i[c],o[p]),c++,p++;else if(l[f]===s[_])a[_]=S(i[f],o[_]),f--,_--;else if(l[c]===s[_])a[_]=S(i[c],o[_]),q(n,a[_+1],i[c]),c++,_--;else if(l[f]===s[p])a[p]=S(i[f],o[p]),q(n,i[c],i[f]),f--,p++;else if(h===void 0&&(h=At(s,p,_),g=At(l,c,f)),h.has(l[c]))if(h.has(l[f])){let b=g.get(s[p]),fe=b!==void 0?i[b]:null;if(fe===null){let Ie=q(n,i[c]);S(Ie,o[p]),a[p]=Ie}else a[p]=S(fe,o[p]),q(n,i[c],fe),i[b]=null;p++}else ce(i[f]),f--;else ce(i[c]),c++;for(;p<=_;){let b=q(n,a[_+1]);S(b,o[p]),a[p++]=b}for(;c<=f;){let b=i[c++];b!==null&&ce(b)}return this.ut=s,wt(n,a),y}});var Me=72;function Pe(n,e){return e>0&&n.length>e?n.slice(0,e):n}function kt(n){let e=m(n.locale.lang),t=Pe(n.order,n.maxRows),r=n.order.length-t.length,i=t.length>n.drawLimit?t.slice(0,n.drawLimit):t,o=t.length-i.length;return u`<section data-section="queue">
    <h2>${e("queue")}${n.order.length?u` <span class="count">${n.order.length}</span>`:d}</h2>
    ${n.order.length===0?u`<div class="empty">${e("nothing_downloading")}</div>`:u`<div class="rows">
          ${St(i,s=>s,s=>u`<myflix-queue-row
              .locale=${n.locale}
              .actions=${n.actions}
              .canRemove=${n.canRemove}
              .row=${n.rows.get(s)}
            ></myflix-queue-row>`)}
          ${o?u`<div class="pending" style=${`height: ${o*Me}px`}></div>`:d}
        </div>`}
    ${r>0?u`<div class="more">${e("more_rows",{count:r})}</div>`:d}
  </section>`}var Ct="important",hn=" !"+Ct,de=P(class extends x{constructor(n){if(super(n),n.type!==ie.ATTRIBUTE||n.name!=="style"||n.strings?.length>2)throw Error("The `styleMap` directive must be used in the `style` attribute and must be the only part in the attribute.")}render(n){return Object.keys(n).reduce((e,t)=>{let r=n[t];return r==null?e:e+`${t=t.includes("-")?t:t.replace(/(?:^(webkit|moz|ms|o)|)(?=[A-Z])/g,"-$&").toLowerCase()}:${r};`},"")}update(n,[e]){let{style:t}=n.element;if(this.ft===void 0)return this.ft=new Set(Object.keys(e)),this.render(e);for(let r of this.ft)e[r]==null&&(this.ft.delete(r),r.includes("-")?t.removeProperty(r):t[r]=null);for(let r in e){let i=e[r];if(i!=null){this.ft.add(r);let o=typeof i=="string"&&i.endsWith(hn);r.includes("-")||o?t.setProperty(r,o?i.slice(0,-11):i,o?Ct:""):t[r]=i}}return y}});var mn=864e4,fn={en:["B","kB","MB","GB","TB","PB"],fr:["o","ko","Mo","Go","To","Po"]},gn={en:{d:"d",h:"h",min:"min",s:"s"},fr:{d:"j",h:"h",min:"min",s:"s"}},Rt=new Map;function ue(n,e){let t=Rt.get(n);return t||(t=e(),Rt.set(n,t)),t}function _n(n,e){return ue(`n|${n}|${e}`,()=>new Intl.NumberFormat(n,{maximumFractionDigits:e}))}function Le(n,e){return ue(`d|${n}|${JSON.stringify(e)}`,()=>new Intl.DateTimeFormat(n,e))}function N(n,e){let t=fn[e.lang],r=Math.max(0,Number.isFinite(n)?n:0),i=0;for(;r>=999.5&&i<t.length-1;)r/=1e3,i+=1;let o=i>0&&r<9.95?1:0;return`${_n(e.tag,o).format(r)} ${t[i]}`}function Et(n,e){return`${N(n,e)}/s`}function Mt(n,e){if(n==null||!Number.isFinite(n)||n>=mn)return"∞";let t=gn[e],r=Math.max(0,Math.round(n)),i=Math.floor(r/86400),o=Math.floor(r%86400/3600),s=Math.floor(r%3600/60);return i>0?o?`${i} ${t.d} ${o} ${t.h}`:`${i} ${t.d}`:o>0?s?`${o} ${t.h} ${s} ${t.min}`:`${o} ${t.h}`:s>0?`${s} ${t.min}`:`${r} ${t.s}`}var Tt=new Map;function yn(n){let e=Tt.get(n);if(e===void 0){let t=new Intl.NumberFormat(n,{style:"percent",maximumFractionDigits:1}).formatToParts(.125),r=t.findIndex(s=>s.type==="integer"),i=t.findIndex(s=>s.type==="fraction"),o=(s,l)=>t.slice(s,l).map(a=>a.value).join("");e=t[r]?.value==="12"&&t[i]?.value==="5"&&i===r+2?{prefix:o(0,r),decimal:t[r+1].value,suffix:o(i+1,t.length)}:null,Tt.set(n,e)}return e}function pe(n,e){let t=Number.isFinite(n)?n:0,r=yn(e);if(!r||t<0||t>=1e3)return ue(`p|${e}`,()=>new Intl.NumberFormat(e,{style:"percent",maximumFractionDigits:1})).format(t/100);let i=Math.round(t*10),o=Math.floor(i/10),s=i%10?`${o}${r.decimal}${i%10}`:String(o);return r.prefix+s+r.suffix}function Pt(n,e){return Le(e.tag,{hour:"numeric",minute:"2-digit",hour12:e.hour12,timeZone:e.timeZone}).format(new Date(n))}function Z(n,e){return Le(e.tag,{weekday:"short",month:"short",day:"numeric",hour:"numeric",minute:"2-digit",hour12:e.hour12,timeZone:e.timeZone}).format(new Date(n))}function vn(n,e){let[t,r,i]=n.split("-").map(Number),o=Le(e,{weekday:"long",month:"short",day:"numeric",timeZone:"UTC"}).format(Date.UTC(t,r-1,i));return o.charAt(0).toUpperCase()+o.slice(1)}function Lt(n,e,t){let r=m(t.lang);return n===e?r("today"):n===ht(e,1)?r("tomorrow"):vn(n,t.tag)}function qt(n,e,t){let r=Math.round((Date.parse(n)-e)/1e3),i=ue(`r|${t}`,()=>new Intl.RelativeTimeFormat(t,{numeric:"auto"})),o=[["day",86400],["hour",3600],["minute",60]];for(let[s,l]of o)if(Math.abs(r)>=l)return i.format(Math.round(r/l),s);return i.format(r,"second")}var bn=3;function Nt(n,e,t){let r=m(t.lang),i=e.total>0?Math.min(100,e.used/e.total*100):0,o=i>=95?"critical":i>=85?"high":"ok";return u`<div class="disk" data-disk=${n==="hot_disk"?"hot":"archive"}>
    <div class="line">
      <span class="label">${r(n)}</span>
      <span class="free">${r("disk_free",{free:N(e.free,t)})}</span>
    </div>
    <div class="track"><div class="bar ${o}" style=${de({width:`${i}%`})}></div></div>
    <div class="meta">
      ${r("disk_usage",{used:N(e.used,t),total:N(e.total,t),percent:pe(i,t.tag)})}
    </div>
  </div>`}function $n(n,e){let t=m(e.lang),r=n?.at?`, ${t("next_look_at",{when:Z(n.at,e)})}`:"";if(!n||n.files===null||n.files===0){let h=n?.files===null?t("not_planned"):t("nothing_to_move");return u`<div class="next-move"><span class="label">${t("next_move")}</span> ${h}${r}</div>`}let i=N(n.bytes??0,e),o=n.files===1?t("next_move_size_one",{bytes:i}):t("next_move_size",{files:n.files,bytes:i}),s=n.at?t("next_move_at",{when:Z(n.at,e)}):t("next_move_when_full"),l=n.titles.slice(0,bn),a=n.titles.length-l.length;return u`<div class="next-move">
    <div><span class="label">${t("next_move")}</span> ${o}, ${s}</div>
    ${l.length?u`<div class="meta titles">
          ${l.join(", ")}${a>0?` ${t("more_rows",{count:a})}`:""}
        </div>`:d}
  </div>`}function Dt(n){let{storage:e,locale:t}=n,r=m(t.lang),i=!e||!e.hot&&!e.archive&&!e.next_move;return u`<section data-section="storage">
    <h2>${r("storage")}</h2>
    ${i?u`<div class="empty">${r("no_storage")}</div>`:u`
          ${e.hot?Nt("hot_disk",e.hot,t):d}
          ${e.archive?Nt("archive_disk",e.archive,t):d}
          ${$n(e.next_move,t)}
        `}
  </section>`}function wn(n,e){let t=m(e.lang),r=n.at?Pt(n.at,e):at(n.release,e.lang),i=n.source==="sonarr"?t("downloaded"):t("in_library");return u`<div class="release" data-release=${n.id}>
    <div class="poster-box">
      <img class="poster" alt="" loading="lazy" decoding="async" src=${n.poster??d} ?hidden=${!n.poster} />
    </div>
    <div class="main">
      <div class="title" .textContent=${n.title}></div>
      <div class="detail" .textContent=${n.detail}></div>
    </div>
    <div class="when">
      <span .textContent=${r}></span>
      <span class="badge" .textContent=${n.has_file?i:""}></span>
    </div>
  </div>`}function It(n){let e=m(n.locale.lang),t=ft(n.releases,n.locale.timeZone);return u`<section data-section="upcoming">
    <h2>${e("upcoming")}</h2>
    ${t.length===0?u`<div class="empty">
          ${n.days===1?e("nothing_upcoming_one"):e("nothing_upcoming",{days:n.days})}
        </div>`:t.map(r=>u`<div class="day">
            <h3>${Lt(r.day,n.today,n.locale)}</h3>
            ${r.releases.map(i=>wn(i,n.locale))}
          </div>`)}
  </section>`}function xn(n,e){if(/^[A-Za-z]{2}$/.test(n))try{return new Intl.DisplayNames(e,{type:"region"}).of(n.toUpperCase())??n}catch{return n}return n}function An(n,e){let t=m(e.lang);if(n.connectable==null)return n.connectability?Re(n.connectability,e.lang):t("unknown");let r=n.connectable?t("yes"):t("no");return n.connectability?`${r} — ${Re(n.connectability,e.lang)}`:r}function Ht(n){let{vpn:e,locale:t}=n,r=m(t.lang);if(!e)return u`<section data-section="vpn">
      <h2>${r("vpn")}</h2>
      <div class="empty">${r("no_vpn")}</div>
    </section>`;let i=e.last_halt;return u`<section data-section="vpn">
    <h2>${r("vpn")}</h2>
    <dl class="facts">
      <dt>${r("killswitch")}</dt>
      <dd data-killswitch=${e.killswitch??"unknown"}>${lt(e.killswitch,t.lang)}</dd>
      <dt>${r("exit_country")}</dt>
      <dd>${e.exit_country?xn(e.exit_country,t.tag):r("unknown")}</dd>
      <dt>${r("connectable")}</dt>
      <dd data-connectable=${e.connectable==null?"unknown":String(e.connectable)}>
        ${An(e,t)}
      </dd>
      <dt>${r("last_halt")}</dt>
      <dd>
        ${i?u`<span title=${Z(i.at,t)}>${qt(i.at,n.now,t.tag)}</span>${i.latency_ms!=null?u` · ${r("latency",{ms:Math.round(i.latency_ms)})}`:d}`:r("never")}
      </dd>
    </dl>
  </section>`}var Sn=new Intl.Collator(void 0,{numeric:!0,sensitivity:"base"});function Ut(n,e){return Sn.compare(n.title,e.title)||(n.id<e.id?-1:n.id>e.id?1:0)}function kn(n){if(n==null)return null;let e=Date.parse(n);return Number.isNaN(e)?null:e}function Ot(n){let e=Array.from(n,t=>({row:t,added:kn(t.added_on)}));return e.sort((t,r)=>t.added!==r.added?t.added==null?1:r.added==null?-1:r.added-t.added:Ut(t.row,r.row)),e.map(t=>t.row)}function qe(n,e){let t=Array.from(n,r=>({release:r,key:mt(r,e)}));return t.sort((r,i)=>r.key<i.key?-1:r.key>i.key?1:Ut(r.release,i.release)),t.map(r=>r.release)}function Cn(n,e){return n.added_on!==e.added_on||n.title!==e.title}var Q=class{constructor(e){this.timeZone=e;this.loaded=!1;this.entryId=null;this.admin=!1;this.queue=new Map;this.queueOrder=[];this.releases=new Map;this.upcoming=[];this.vpn=null;this.storage=null}setTimeZone(e){return e===this.timeZone?!1:(this.timeZone=e,this.upcoming=qe(this.releases.values(),e),!0)}apply(e){return e.full?this.replace(e):this.merge(e)}replace(e){this.loaded=!0,this.entryId=e.entry_id,this.admin=e.admin===!0,this.queue.clear();for(let t of e.queue??[])this.queue.set(t.id,t);this.queueOrder=Ot(this.queue.values()).map(t=>t.id),this.releases.clear();for(let t of e.upcoming??[])this.releases.set(t.id,t);return this.upcoming=qe(this.releases.values(),this.timeZone),this.vpn=e.vpn??null,this.storage=e.storage??null,{full:!0,queueOrder:!0,queueRows:[],upcoming:!0,vpn:!0,storage:!0}}merge(e){let t={full:!1,queueOrder:!1,queueRows:[],upcoming:!1,vpn:!1,storage:!1};return e.queue&&this.mergeQueue(e.queue,t),e.upcoming&&(Rn(this.releases,e.upcoming),this.upcoming=qe(this.releases.values(),this.timeZone),t.upcoming=!0),"vpn"in e&&(this.vpn=e.vpn??null,t.vpn=!0),"storage"in e&&(this.storage=e.storage??null,t.storage=!0),t}mergeQueue(e,t){let r=!1,i=[];for(let o of e.removed??[])this.queue.delete(o)&&(r=!0);for(let o of e.changed??[]){let s=this.queue.get(o.id);this.queue.set(o.id,o),!s||Cn(s,o)?r=!0:i.push(o.id)}r?(this.queueOrder=Ot(this.queue.values()).map(o=>o.id),t.queueOrder=!0):t.queueRows=i}};function Rn(n,e){for(let t of e.removed??[])n.delete(t);for(let t of e.changed??[])n.set(t.id,t)}var Vt="M14,19H18V5H14M6,19H10V5H6V19Z",Ft="M8,5.14V19.14L19,12.14L8,5.14Z",Ne="M18,4L20,8H17L15,4H13L15,8H12L10,4H8L10,8H7L5,4H4A2,2 0 0,0 2,6V18A2,2 0 0,0 4,20H20A2,2 0 0,0 22,18V4H18Z";function De(n){let e=`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="${n}"/></svg>`;return`url("data:image/svg+xml,${encodeURIComponent(e)}")`}var zt=_e`
  :host {
    display: block;
    /* Narrow layouts follow the card's width, not the window's. */
    container-type: inline-size;
  }
  ha-card {
    overflow: hidden;
    background: var(--ha-card-background, var(--card-background-color, #fff));
    color: var(--primary-text-color);
  }
  .card-error {
    padding: 12px 16px;
    color: var(--error-color, #db4437);
  }
  .loading,
  .empty,
  .more {
    padding: 4px 0 8px;
    color: var(--secondary-text-color);
  }
  section {
    padding: 8px 16px 12px;
  }
  section + section {
    border-top: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
  }
  /* Below a long queue, off screen: laid out and painted when scrolled to. */
  section[data-section="upcoming"],
  section[data-section="vpn"],
  section[data-section="storage"] {
    content-visibility: auto;
    contain-intrinsic-size: auto 240px;
  }
  h2 {
    margin: 4px 0 8px;
    font-size: 1rem;
    font-weight: 500;
    display: flex;
    align-items: center;
    gap: 8px;
  }
  h3 {
    margin: 8px 0 4px;
    font-size: 0.85rem;
    font-weight: 500;
    color: var(--secondary-text-color);
  }
  .count,
  .badge {
    font-size: 0.75rem;
    line-height: 1.4;
    padding: 0 6px;
    border-radius: 8px;
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
    color: var(--secondary-text-color);
    font-weight: 400;
    white-space: nowrap;
  }
  .badge {
    background: var(--success-color, #43a047);
    color: var(--text-primary-color, #fff);
  }

  /* A poster over its placeholder icon (a mask: no node per poster). */
  .poster-box {
    position: relative;
    flex: none;
    width: 40px;
    height: 60px;
    border-radius: 4px;
    overflow: hidden;
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
  }
  .poster-box::before {
    content: "";
    position: absolute;
    inset: 0;
    background: var(--disabled-text-color, rgba(0, 0, 0, 0.38));
    -webkit-mask: ${H(De(Ne))} center / 22px no-repeat;
    mask: ${H(De(Ne))} center / 22px no-repeat;
  }
  img.poster {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  [hidden],
  .detail:empty,
  .badge:empty,
  .error:empty {
    display: none !important;
  }

  /* Queue rows: compact, and skipped by layout and paint while off screen. */
  myflix-queue-row {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 6px 0;
    content-visibility: auto;
    contain-intrinsic-size: auto ${Me}px;
  }
  .main {
    flex: 1;
    min-width: 0;
  }
  .line {
    display: flex;
    align-items: baseline;
    gap: 8px;
  }
  .title {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .percent,
  .free {
    flex: none;
    font-size: 0.85rem;
    color: var(--secondary-text-color);
    font-variant-numeric: tabular-nums;
  }
  .track {
    height: 4px;
    margin: 4px 0;
    border-radius: 2px;
    background: var(--divider-color, rgba(0, 0, 0, 0.12));
    overflow: hidden;
  }
  .bar {
    height: 100%;
    background: var(--primary-color, #03a9f4);
  }
  myflix-queue-row[data-state="stalled"] .bar,
  myflix-queue-row[data-state="stopped"] .bar,
  myflix-queue-row[data-state="halted"] .bar,
  .bar.high {
    background: var(--warning-color, #ffa600);
  }
  myflix-queue-row[data-state="struck"] .bar,
  myflix-queue-row[data-state="error"] .bar,
  myflix-queue-row[data-state="missing_files"] .bar,
  .bar.critical {
    background: var(--error-color, #db4437);
  }
  myflix-queue-row[data-state="seeding"] .bar {
    background: var(--success-color, #43a047);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    column-gap: 12px;
    font-size: 0.8rem;
    color: var(--secondary-text-color);
    font-variant-numeric: tabular-nums;
  }
  .meta .state {
    color: var(--primary-text-color);
  }
  .error {
    font-size: 0.8rem;
    color: var(--error-color, #db4437);
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    font-size: 0.85rem;
  }
  .confirm span {
    flex: 1 1 100%;
  }
  .actions {
    flex: none;
    display: flex;
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: none;
    cursor: pointer;
    border-radius: 50%;
  }
  button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  button.icon {
    width: 36px;
    height: 36px;
    padding: 6px;
    color: var(--secondary-text-color);
  }
  button.icon svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  button.icon:hover:not(:disabled),
  button.text:hover:not(:disabled) {
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
  }
  button.text {
    border-radius: 4px;
    padding: 4px 8px;
    color: var(--primary-color);
    font-weight: 500;
  }
  button.danger {
    color: var(--error-color, #db4437);
  }

  /* Coming up */
  .release {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 4px 0;
    content-visibility: auto;
    contain-intrinsic-size: auto 60px;
  }
  .release .poster-box {
    width: 32px;
    height: 48px;
  }
  .release .title {
    display: block;
  }
  .detail {
    font-size: 0.8rem;
    color: var(--secondary-text-color);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .when {
    flex: none;
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 2px;
    font-size: 0.85rem;
    color: var(--secondary-text-color);
  }

  /* VPN */
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dt {
    color: var(--secondary-text-color);
  }
  dd {
    margin: 0;
    min-width: 0;
  }
  dd[data-killswitch="tripped"],
  dd[data-killswitch="fail_closed"],
  dd[data-connectable="false"] {
    color: var(--error-color, #db4437);
  }

  /* Storage */
  .disk + .disk,
  .next-move {
    margin-top: 8px;
  }
  .label {
    font-weight: 500;
  }
  .disk .label {
    flex: 1;
  }

  @container (max-width: 450px) {
    section {
      padding: 8px 12px 12px;
    }
    myflix-queue-row {
      gap: 8px;
    }
    dl.facts {
      grid-template-columns: 1fr;
      gap: 0;
    }
    dd {
      margin-bottom: 6px;
    }
  }
`;var Tn=6e4,D=class extends v{constructor(){super();this._canRemove=!1;this._rowElements=new Map;this._queueRedrawn=!1;this._budget=new oe;this._growing=!1;this._tick=0;this._actions={pause:t=>this._callService("pause_downloads",t),resume:t=>this._callService("resume_downloads",t),remove:t=>this._requireHass().callWS({type:"myflix/media/remove",...this._entry(),hash:t.hash,delete_files:!0})};this._locale={lang:"en",tag:"en",hour12:void 0,timeZone:Te()},this._store=new Q(this._locale.timeZone)}createRenderRoot(){let t=super.createRenderRoot();return vt(t),t}static getConfigElement(){return document.createElement("myflix-card-editor")}static getStubConfig(){return nt()}setConfig(t){let r=rt(t),i=this._config;this._config=r,!(i&&i.entry_id===r.entry_id&&i.days===r.days)&&(i&&i.entry_id!==r.entry_id&&(this._store=new Q(this._locale.timeZone),this._budget.reset()),this._unsubscribe(),this._subscribe())}set hass(t){let r=this._hass;if(this._hass=t,!r||r.locale!==t.locale||r.language!==t.language||r.config?.time_zone!==t.config?.time_zone){let o=gt(t);_t(this._locale,o)||(this._locale=o,this._store.setTimeZone(o.timeZone),this.requestUpdate())}this._updateCanRemove(),this._subscribe()}get hass(){return this._hass}connectedCallback(){super.connectedCallback(),this._subscribe(),this.hasUpdated&&this.requestUpdate(),this._clock=setInterval(()=>this._onClock(),Tn)}disconnectedCallback(){super.disconnectedCallback(),this._unsubscribe(),clearInterval(this._clock),this._clock=void 0}getCardSize(){let t=this._config;if(!t)return 1;let r=this._store,i=t.title?1:0;if(t.queue){let o=t.max_rows?Math.min(t.max_rows,r.queueOrder.length):r.queueOrder.length;i+=1+Math.ceil(o*1.5)}return t.upcoming&&(i+=1+Math.max(1,r.upcoming.length)),t.vpn&&(i+=3),t.storage&&(i+=3),Math.max(1,i)}_subscribe(){let t=this._hass,r=this._config;if(!this.isConnected||!t||!r||this._subscription)return;let i={request:it(r),unsubscribe:Promise.resolve(void 0)};this._subscription=i,this._error=void 0,i.unsubscribe=t.connection.subscribeMessage(o=>{this._subscription===i&&this._onMessage(o)},{...i.request}).catch(o=>{this._subscription===i&&(this._error=le(o))})}_unsubscribe(){let t=this._subscription;this._subscription=void 0,t?.unsubscribe.then(r=>r?.()).catch(()=>{})}_onMessage(t){let r=this._store.apply(t);r.full&&(this._error=void 0),this._updateCanRemove(),(r.full||r.queueOrder||r.upcoming||r.vpn||r.storage)&&this.requestUpdate();for(let i of r.queueRows){let o=this._rowElements.get(i),s=this._store.queue.get(i);o&&s&&(o.row=s)}}_onClock(){this._tick+=1,this.requestUpdate()}_updateCanRemove(){let t=this._store.admin&&this._hass?.user?.is_admin===!0;t!==this._canRemove&&(this._canRemove=t,this.requestUpdate())}_requireHass(){if(!this._hass)throw new Error("Home Assistant is not connected");return this._hass}_entry(){let t=this._store.entryId??this._config?.entry_id;return t?{entry_id:t}:{}}_callService(t,r){let i=this._entry().entry_id,o=i?{config_entry_id:i}:{};return this._requireHass().callService("myflix",t,{...o,hashes:[r.hash]})}render(){let t=this._config;if(!t)return d;let r=this._locale,i=this._store,o=m(r.lang),s=Ee(Date.now(),r.timeZone);return u`<ha-card .header=${t.title||void 0}>
      ${this._error?u`<div class="card-error" role="alert">${o("subscribe_failed",{message:this._error})}</div>`:d}
      ${i.loaded?u`
            ${t.queue?B([i.queueOrder,t.max_rows,r,this._canRemove,this._budget.limit],()=>(this._queueRedrawn=!0,kt({order:i.queueOrder,rows:i.queue,maxRows:t.max_rows,drawLimit:this._budget.limit,locale:r,actions:this._actions,canRemove:this._canRemove}))):d}
            ${t.upcoming?B([i.upcoming,t.days,s,r],()=>It({releases:i.upcoming,days:t.days,today:s,locale:r})):d}
            ${t.vpn?B([i.vpn,r,this._tick],()=>Ht({vpn:i.vpn,locale:r,now:Date.now()})):d}
            ${t.storage?B([i.storage,r],()=>Dt({storage:i.storage,locale:r})):d}
          `:this._error?d:u`<section class="loading">${o("loading")}</section>`}
    </ha-card>`}updated(t){super.updated(t);let r=this._store.loaded&&this._config?.queue===!0;if((this._queueRedrawn||!r&&this._rowElements.size>0)&&(this._queueRedrawn=!1,this._rowElements.clear(),r))for(let i of this.renderRoot.querySelectorAll("myflix-queue-row"))i.row&&this._rowElements.set(i.row.id,i);this._store.loaded&&(this.dataset.rows=String(this._rowElements.size)),r&&this._growIfNeeded()}_growIfNeeded(){let t=Pe(this._store.queueOrder,this._config?.max_rows??0).length;this._growing||!this._budget.needsMore(t)||(this._growing=!0,requestAnimationFrame(()=>requestAnimationFrame(()=>setTimeout(()=>{this._growing=!1,this.isConnected&&(this._budget.grow(),this.requestUpdate())}))))}};D.styles=zt,D.properties={_config:{state:!0},_error:{state:!0}};var Pn=[{name:"title",selector:{text:{}}},{name:"entry_id",selector:{config_entry:{integration:"myflix"}}},{name:"days",selector:{number:{min:1,max:30,step:1,mode:"box"}}},{name:"queue",selector:{boolean:{}}},{name:"upcoming",selector:{boolean:{}}},{name:"vpn",selector:{boolean:{}}},{name:"storage",selector:{boolean:{}}},{name:"max_rows",selector:{number:{min:0,step:1,mode:"box"}}}],{title:bi,...Bt}=Ce,W=class extends v{constructor(){super(...arguments);this._label=t=>{let r=L(this.hass?.locale?.language??this.hass?.language);return m(r)(`editor_${t.name}`)}}setConfig(t){this._config=t}_changed(t){t.stopPropagation();let r=this._config??{},i={...r,...t.detail.value};for(let o of["title","entry_id"])(i[o]===""||i[o]==null)&&delete i[o];for(let[o,s]of Object.entries(Bt))i[o]===s&&!(o in r)&&delete i[o];this._config=i,this.dispatchEvent(new CustomEvent("config-changed",{detail:{config:i},bubbles:!0,composed:!0}))}render(){return!this.hass||!this._config?d:u`<ha-form
      .hass=${this.hass}
      .data=${{...Bt,...this._config}}
      .schema=${Pn}
      .computeLabel=${this._label}
      @value-changed=${this._changed}
    ></ha-form>`}};W.properties={hass:{attribute:!1},_config:{state:!0}};var me=class me extends HTMLElement{constructor(){super();this._canRemove=!1;this._running=null;this._confirming=!1;this._error=null;this.addEventListener("click",t=>this._onClick(t))}get row(){return this._row}set row(t){t!==this._row&&(this._row=t,this._draw())}set locale(t){t!==this._locale&&(this._locale=t,this._draw())}set actions(t){this._actions=t}set canRemove(t){t!==this._canRemove&&(this._canRemove=t,this._draw())}get updateComplete(){return Promise.resolve(!0)}_onClick(t){let r=t.target.closest("button[data-action]");if(!(!r||r.disabled))switch(r.dataset.action){case"pause":case"resume":this._call(r.dataset.action);break;case"remove":this._confirming=!0,this._draw();break;case"cancel-remove":this._confirming=!1,this._error=null,this._draw();break;case"confirm-remove":this._call("remove");break}}async _call(t){let r=this._row;if(!(!r||!this._actions)){this._running=t,this._error=null,this._draw();try{await this._actions[t](r),this._confirming=!1}catch(i){this._error=m(this._locale?.lang??"en")("call_failed",{message:le(i)})}finally{this._running=null,this._draw()}}}_draw(){let t=this._row,r=this._locale;!t||!r||(this.dataset.row=t.id,this.dataset.state=t.state,this.dataset.progress=String(t.progress),re(this._template(t,r),this),me.renders+=1)}_template(t,r){let i=m(r.lang),o=Math.min(100,Math.max(0,Number(t.progress)||0)),s=t.stopped||o>=100,l=t.stopped?"resume":"pause",a=this._confirming;return u`<div class="poster-box">
        <img class="poster" alt="" loading="lazy" decoding="async" src=${t.poster??d} ?hidden=${!t.poster} />
      </div>
      <div class="main">
        <div class="line">
          <span class="title" .title=${t.name||t.title} .textContent=${t.title}></span>
          <span class="percent" .textContent=${pe(o,r.tag)}></span>
        </div>
        <div class="track"><div class="bar" style=${de({width:`${o}%`})}></div></div>
        <div class="meta" ?hidden=${a}>
          <span class="state" .textContent=${st(t,r.lang)}></span>
          <span .textContent=${Et(t.download_speed,r)}></span>
          <span .textContent=${s?"—":Mt(t.eta,r.lang)}></span>
        </div>
        ${a?u`<div class="confirm">
              <span>${i("confirm_remove",{title:t.title})}</span>
              <button class="text" data-action="cancel-remove" ?disabled=${this._running==="remove"}>
                ${i("cancel")}
              </button>
              <button class="text danger" data-action="confirm-remove" ?disabled=${this._running==="remove"}>
                ${i("remove")}
              </button>
            </div>`:d}
        <div class="error" role="alert" .textContent=${this._error??""}></div>
      </div>
      <div class="actions">
        <button class="icon" data-action=${l} .title=${i(l)} ?disabled=${this._running===l}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${t.stopped?Ft:Vt}></path></svg>
        </button>
        <button
          class="icon"
          data-action="remove"
          .title=${i("remove")}
          ?hidden=${!this._canRemove||a}
          ?disabled=${this._running!==null}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M19,4H15.5L14.5,3H9.5L8.5,4H5V6H19M6,19A2,2 0 0,0 8,21H16A2,2 0 0,0 18,19V7H6V19Z"></path>
          </svg>
        </button>
      </div>`}};me.renders=0;var he=me;var Ln=[["myflix-queue-row",he],["myflix-card-editor",W],["myflix-card",D]];for(let[n,e]of Ln)customElements.get(n)||customElements.define(n,e);window.customCards=window.customCards??[];window.customCards.some(n=>n.type==="myflix-card")||window.customCards.push({type:"myflix-card",name:"Myflix",description:se[L(document.documentElement.lang||navigator.language)].card_description,preview:!0});
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
lit-html/directive.js:
lit-html/directives/repeat.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/directives/guard.js:
lit-html/directives/style-map.js:
  (**
   * @license
   * Copyright 2018 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/directive-helpers.js:
  (**
   * @license
   * Copyright 2020 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
